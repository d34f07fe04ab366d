using System.Text;
using Batch.Core.Text;
using CsCheck;

namespace Batch.Core.Tests.Text;

public sealed class Utf8CursorTests
{
    [Theory]
    [InlineData(new byte[] { 0xC0, 0xA2 })]         // overlong '"'
    [InlineData(new byte[] { 0xE0, 0x81, 0xA2 })]   // overlong 'b'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]   // a surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    [InlineData(new byte[] { 0xC3, 0x41 })]         // lead byte then ASCII
    [InlineData(new byte[] { 0x80 })]               // a lone continuation byte
    public void InvalidSequences_AreRefused(byte[] bytes) => Assert.False(Utf8Cursor.Start.TryAdvance(bytes, out _));

    [Fact]
    public void ValidText_SplitAnywhere_IsAccepted_AndEndsComplete() =>
        Gen.String.Select(Gen.Int[0, 100]).Sample((text, cut) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var at = bytes.Length == 0 ? 0 : cut % (bytes.Length + 1);
            Assert.True(Utf8Cursor.Start.TryAdvance(bytes.AsSpan(0, at), out var middle));
            Assert.True(middle.TryAdvance(bytes.AsSpan(at), out var end));
            Assert.True(end.IsComplete);
        });
}
