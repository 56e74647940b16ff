using MiniPaas.Cli.Packaging;

namespace MiniPaas.Cli.Tests.Packaging;

public sealed class ExcludePatternsTests
{
    [Theory]
    [InlineData("*.log", "debug.log", false, true)]
    [InlineData("*.log", "deep/down/debug.log", false, true)]
    [InlineData("*.log", "debug.log.txt", false, false)]
    [InlineData("tmp/", "tmp", true, true)]
    [InlineData("tmp/", "docs/tmp", true, true)]
    [InlineData("tmp/", "tmp", false, false)]
    [InlineData("/bin", "bin", true, true)]
    [InlineData("/bin", "src/bin", true, false)]
    [InlineData("bin/Debug", "bin/Debug", true, true)]
    [InlineData("bin/Debug", "src/bin/Debug", true, false)]
    [InlineData("**/obj", "src/a/obj", true, true)]
    [InlineData("**/obj", "obj", true, true)]
    [InlineData("logs/**", "logs/a/b.txt", false, true)]
    [InlineData("logs/**", "logs", true, false)]
    [InlineData("a/**/z", "a/z", false, true)]
    [InlineData("a/**/z", "a/b/c/z", false, true)]
    [InlineData("file?.txt", "file1.txt", false, true)]
    [InlineData("file?.txt", "file10.txt", false, false)]
    [InlineData("*", "dir/file", false, true)]
    [InlineData("a+b(1).txt", "a+b(1).txt", false, true)]
    public void IsExcluded_Pattern_MatchesLikeGitignore(string pattern, string path, bool isDirectory, bool expected)
    {
        var patterns = new ExcludePatterns([pattern]);

        Assert.Equal(expected, patterns.IsExcluded(path, isDirectory));
    }

    [Fact]
    public void IsExcluded_CommentsAndBlankLines_AreIgnored()
    {
        var patterns = new ExcludePatterns(["# a comment", "   ", "*.tmp"]);

        Assert.True(patterns.IsExcluded("x.tmp", false));
        Assert.False(patterns.IsExcluded("# a comment", false));
    }

    [Theory]
    [InlineData("!keep.log", "exclude[0]: \"!keep.log\": re-including with ! is not supported")]
    [InlineData("../secrets", "exclude[0]: \"../secrets\" is not a pattern inside the app directory")]
    [InlineData("/", "exclude[0]: \"/\" is not a pattern inside the app directory")]
    public void Constructor_BadPattern_NamesIt(string pattern, string expected)
    {
        var error = Assert.Throws<PackagingException>(() => new ExcludePatterns([pattern]));

        Assert.Equal(expected, error.Message);
    }
}
