System.Console.WriteLine("minipaas");
