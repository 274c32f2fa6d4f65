using System.Text.Json;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Tests.Infrastructure;

public sealed class ExactDecimalConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new ExactDecimalConverter() } };

    [Theory]
    [InlineData("3", "3")]
    [InlineData("2.5", "2.5")]
    [InlineData("-0.01", "-0.01")]
    [InlineData("15e-1", "1.5")]
    [InlineData("1.50000000000000000000000000000000000", "1.5")]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("0e400", "0")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    public void A_number_a_decimal_holds_exactly_is_read(string json, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Deserialize<decimal>(json, Options));

    [Theory]
    [InlineData("2.999999999999999999999999999999")]
    [InlineData("0.1000000000000000000000000000001")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("1e-400")]
    [InlineData("1e400")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1e99999999999999999999")]
    public void A_number_a_decimal_would_round_is_refused(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<decimal>(json, Options));
        Assert.Contains("exactly", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void Anything_but_a_number_is_refused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<decimal>(json, Options));

    [Fact]
    public void A_nullable_decimal_and_a_dictionary_of_them_use_it_too()
    {
        Assert.Null(JsonSerializer.Deserialize<decimal?>("null", Options));
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, decimal>>("""{"1.1":2.999999999999999999999999999999}""", Options));
        Assert.Equal("$['1.1']", error.Path);
    }
}
