// The broker under test runs only on Linux (it starts PostgreSQL and Redis as Linux processes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
