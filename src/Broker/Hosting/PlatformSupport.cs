// The broker runs PostgreSQL and Redis as Linux processes and sets Unix file modes on their files.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
