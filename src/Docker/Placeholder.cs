namespace MiniPaas.Docker;
