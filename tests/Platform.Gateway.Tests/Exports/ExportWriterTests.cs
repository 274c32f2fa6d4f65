using System.Runtime.CompilerServices;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Tests.Exports;

/// <summary>What both formats promise: asynchronous writes only, sheets one after another, rows streamed and let go.</summary>
public sealed class ExportWriterTests
{
    private const int RowCount = 50_000;

    public static TheoryData<string> Formats => ["csv", "xlsx"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Fifty_thousand_rows_stream_out_while_being_read_and_are_not_held(string format)
    {
        var output = new AsyncOnlyStream(keep: false);
        var source = new RankingSource(output);

        await Writer(format).WriteAsync(output, [new ExportSheet("排名", Columns(10), source.Rows())], CancellationToken.None);

        Assert.Equal(RowCount, source.Yielded);
        Assert.True(source.WrittenBeforeLastRow > output.Written / 2, $"{source.WrittenBeforeLastRow:N0} of {output.Written:N0} bytes had gone out before the last row was read");
        Assert.False(source.FirstRowAliveLate, "the writer still held the first row near the end");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_sheets_rows_are_read_only_after_the_sheet_before_is_done(string format)
    {
        var firstDone = false;
        async IAsyncEnumerable<IReadOnlyList<object?>> First()
        {
            yield return await Task.FromResult<object?[]>(["1"]);
            firstDone = true;
        }

        async IAsyncEnumerable<IReadOnlyList<object?>> Second()
        {
            Assert.True(firstDone);
            yield return await Task.FromResult<object?[]>(["2"]);
        }

        await Writer(format).WriteAsync(new AsyncOnlyStream(), [new("一", Columns(1), First()), new("二", Columns(1), Second())], CancellationToken.None);
        Assert.True(firstDone);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Nothing_but_the_listed_cell_types_is_accepted(string format)
    {
        var sheet = Rows.Sheet("s", ["a"], [Guid.NewGuid()]);
        await Assert.ThrowsAsync<NotSupportedException>(() => Writer(format).WriteAsync(new AsyncOnlyStream(), [sheet], CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_row_of_the_wrong_width_fails_the_export(string format)
    {
        var sheet = Rows.Sheet("s", ["a", "b"], ["1", "2"], ["3"]);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Writer(format).WriteAsync(new AsyncOnlyStream(), [sheet], CancellationToken.None));
        Assert.Contains("row 2", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_export_needs_a_sheet_and_a_sheet_a_column(string format)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Writer(format).WriteAsync(new AsyncOnlyStream(), [], CancellationToken.None));
        Assert.Throws<ArgumentException>(() => new ExportSheet("s", [], Rows.Of()));
        Assert.Throws<ArgumentException>(() => Rows.Sheet("s", ["名称", "名称"]));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Cancelling_stops_the_export(string format)
    {
        using var cancel = new CancellationTokenSource();
        async IAsyncEnumerable<IReadOnlyList<object?>> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; ; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i == 100)
                {
                    await cancel.CancelAsync();
                }

                yield return await Task.FromResult<object?[]>([i]);
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Writer(format).WriteAsync(new AsyncOnlyStream(), [new("s", Columns(1), Endless())], cancel.Token));
    }

    private static ITableExportWriter Writer(string format) => format == "csv" ? new CsvExportWriter() : new XlsxExportWriter();

    private static ExportColumn[] Columns(int count) => [.. Enumerable.Range(1, count).Select(i => new ExportColumn($"第{i}列"))];

    /// <summary>
    /// Ranking rows of every cell type, given out as a database reader would, noting how much of the file had gone out
    /// before the last row was read and whether the first row could still be reached near the end.
    /// </summary>
    private sealed class RankingSource(AsyncOnlyStream output)
    {
        private static readonly DateTimeOffset Submitted = new(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

        private WeakReference? _firstRow;

        public int Yielded { get; private set; }

        public long WrittenBeforeLastRow { get; private set; }

        public bool FirstRowAliveLate { get; private set; }

        public async IAsyncEnumerable<IReadOnlyList<object?>> Rows()
        {
            for (var i = 0; i < RowCount; i++)
            {
                if (i % 1_000 == 0)
                {
                    await Task.Yield();
                }

                if (i == RowCount - 1)
                {
                    WrittenBeforeLastRow = output.Written;
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    FirstRowAliveLate = _firstRow!.IsAlive;
                }

                Yielded++;
                yield return Row(i);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private object?[] Row(int i)
        {
            object?[] row =
            [
                $"9430{i:D6}-01", $"中共第{i}中学支部委员会", i + 1, 60m + (i % 400) / 10m, i / 3.0,
                i % 7 != 0, Submitted.AddMinutes(i), i % 5 == 0 ? null : "优秀", (long)i * 1_000, i % 2 == 0 ? "小学" : "初中",
            ];
            _firstRow ??= new WeakReference(row);
            return row;
        }
    }
}
