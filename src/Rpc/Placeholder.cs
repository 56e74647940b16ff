namespace MiniPaas.Rpc;
