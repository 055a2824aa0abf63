using CsvHelper;

namespace Dashboard.Core.Export;

/// <summary>One column of an export: its header and how a row's value is written into the cell.</summary>
public sealed record CsvColumn<T>(string Header, Action<CsvWriter, T> Write);
