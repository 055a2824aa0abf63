using System.Buffers.Binary;
using System.Text;

namespace Dashboard.Circuits.Bench.SignalR.Protocol;

/// <summary>
/// The binary render batch of JS.RenderBatch, as the server's RenderBatchWriter lays it out: four sections
/// (updated components with their edits, reference frames, disposed component ids, disposed event handler ids) and
/// a string table, whose start offsets are the last five int32s. Every entry of a section has a fixed size (a frame
/// is 20 bytes, an edit 16) so entries are read by index; strings are BinaryWriter's length-prefixed UTF-8.
/// </summary>
internal sealed class RenderBatchReader(byte[] data)
{
    private const int FrameSize = 20;
    private const int EditSize = 16;

    private int Int(int position) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(position));

    private int Section(int fromEnd) => Int(data.Length - fromEnd);

    public IEnumerable<ComponentDiff> UpdatedComponents()
    {
        var table = Section(20);
        for (var i = 0; i < Int(table); i++)
        {
            var diff = Int(table + 4 + i * 4);
            var edits = new RenderEdit[Int(diff + 4)];
            for (var e = 0; e < edits.Length; e++)
            {
                var at = diff + 8 + e * EditSize;
                edits[e] = new RenderEdit((EditType)Int(at), Int(at + 4), Int(at + 8), String(Int(at + 12)));
            }
            yield return new ComponentDiff(Int(diff), edits);
        }
    }

    public int FrameCount => Int(Section(16));

    public RenderFrame Frame(int index)
    {
        var at = Section(16) + 4 + index * FrameSize;
        var type = (FrameType)Int(at);
        return type switch
        {
            FrameType.Element => new RenderFrame(type, Int(at + 4), String(Int(at + 8)), null, 0, 0),
            FrameType.Component => new RenderFrame(type, Int(at + 4), null, null, Int(at + 8), 0),
            FrameType.Region => new RenderFrame(type, Int(at + 4), null, null, 0, 0),
            FrameType.Text or FrameType.Markup => new RenderFrame(type, 1, null, String(Int(at + 4)), 0, 0),
            FrameType.Attribute => new RenderFrame(type, 1, String(Int(at + 4)), String(Int(at + 8)), 0,
                BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at + 12))),
            _ => new RenderFrame(type, 1, null, null, 0, 0), // reference captures: a child in the diff, no node
        };
    }

    public IEnumerable<int> DisposedComponentIds()
    {
        var at = Section(12);
        for (var i = 0; i < Int(at); i++) yield return Int(at + 4 + i * 4);
    }

    public IEnumerable<ulong> DisposedEventHandlerIds()
    {
        var at = Section(8);
        for (var i = 0; i < Int(at); i++) yield return BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at + 4 + i * 8));
    }

    private string? String(int index)
    {
        if (index < 0) return null;
        var at = Int(Section(4) + index * 4);
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            length |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
        }
        return Encoding.UTF8.GetString(data, at, length);
    }
}

/// <summary>RenderTreeEditType's values.</summary>
internal enum EditType
{
    PrependFrame = 1, RemoveFrame = 2, SetAttribute = 3, RemoveAttribute = 4, UpdateText = 5, StepIn = 6, StepOut = 7,
    UpdateMarkup = 8, PermutationListEntry = 9, PermutationListEnd = 10,
}

/// <summary>RenderTreeFrameType's values (the ones a batch carries).</summary>
internal enum FrameType
{
    Element = 1, Text = 2, Attribute = 3, Component = 4, Region = 5, ElementReferenceCapture = 6, ComponentReferenceCapture = 7, Markup = 8,
}

/// <param name="ReferenceFrameIndex">The new frame's index for prepend/set/update edits; the target sibling for a permutation entry.</param>
internal readonly record struct RenderEdit(EditType Type, int SiblingIndex, int ReferenceFrameIndex, string? RemovedAttributeName);

internal readonly record struct ComponentDiff(int ComponentId, RenderEdit[] Edits);

/// <param name="SubtreeLength">Frames in this frame's subtree, itself included (1 for leaves).</param>
/// <param name="Name">Element or attribute name.</param>
/// <param name="Value">Text, markup or attribute value (null: a false attribute).</param>
internal readonly record struct RenderFrame(FrameType Type, int SubtreeLength, string? Name, string? Value, int ComponentId, ulong EventHandlerId);
