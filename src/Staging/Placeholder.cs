namespace MiniPaas.Staging;
