using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Circuits.Bench.SignalR.Protocol;

/// <summary>
/// A circuit's page as blazor.web.js keeps it, without a browser: the logical tree that render batches edit.
/// As in the browser's renderer, a component is one logical child (a container holding what it renders), a region
/// flattens into its parent, and a markup block is one logical child (parsed into its elements and texts: the
/// agents look inside it, e.g. a users-table row's cells). Event handlers are kept per element by event name with their ids.
/// Not thread-safe: the circuit's receive loop applies batches and agents read it under the agent's lock.
/// </summary>
internal sealed partial class LogicalDom
{
    private readonly Dictionary<int, Node> _components = [];
    private readonly List<Node> _roots = [];

    /// <summary>JS.AttachComponent: a root component renders into its own container.</summary>
    public void AttachRoot(int componentId)
    {
        var root = Node.Container();
        _roots.Add(root);
        _components[componentId] = root;
    }

    public void Apply(RenderBatchReader batch)
    {
        foreach (var diff in batch.UpdatedComponents())
        {
            if (!_components.TryGetValue(diff.ComponentId, out var container))
                throw new InvalidDataException($"no element is associated with component {diff.ComponentId}");
            ApplyEdits(batch, container, diff.Edits);
        }
        foreach (var id in batch.DisposedComponentIds())
        {
            if (_components.Remove(id, out var container) && _roots.Remove(container)) container.Children.Clear();
        }
        // Disposed handlers need no bookkeeping: the attributes that held them are gone or replaced in this batch.
    }

    private void ApplyEdits(RenderBatchReader batch, Node parent, RenderEdit[] edits)
    {
        var depth = 0;
        List<(int From, int To)>? permutation = null;
        foreach (var edit in edits)
        {
            // Component diffs always start at child 0 of the component's container, so the index at depth 0 is 0 too.
            var index = edit.SiblingIndex;
            switch (edit.Type)
            {
                case EditType.PrependFrame:
                    InsertFrame(batch, parent, index, edit.ReferenceFrameIndex);
                    break;
                case EditType.RemoveFrame:
                    parent.RemoveAt(index);
                    break;
                case EditType.SetAttribute:
                    SetAttribute(parent.Children[index], batch.Frame(edit.ReferenceFrameIndex));
                    break;
                case EditType.RemoveAttribute:
                    var element = parent.Children[index];
                    element.Attributes.Remove(edit.RemovedAttributeName!);
                    if (edit.RemovedAttributeName!.StartsWith("on", StringComparison.Ordinal)) element.Handlers.Remove(edit.RemovedAttributeName[2..]);
                    break;
                case EditType.UpdateText:
                    parent.Children[index].Text = batch.Frame(edit.ReferenceFrameIndex).Value;
                    break;
                case EditType.UpdateMarkup:
                    parent.RemoveAt(index);
                    parent.Insert(index, Node.Markup(batch.Frame(edit.ReferenceFrameIndex).Value));
                    break;
                case EditType.StepIn:
                    parent = parent.Children[index];
                    depth++;
                    break;
                case EditType.StepOut:
                    parent = parent.Parent ?? throw new InvalidDataException("step out of the root");
                    depth--;
                    break;
                case EditType.PermutationListEntry:
                    (permutation ??= []).Add((index, edit.ReferenceFrameIndex));
                    break;
                case EditType.PermutationListEnd:
                    var before = parent.Children.ToArray();
                    foreach (var (from, to) in permutation!) parent.Children[to] = before[from];
                    permutation = null;
                    break;
                default:
                    throw new InvalidDataException($"unknown edit type {edit.Type}");
            }
        }
        if (depth != 0) throw new InvalidDataException("edits did not step back out to the component");
    }

    /// <summary>Inserts the frame at <paramref name="frameIndex"/>; returns how many logical children it added.</summary>
    private int InsertFrame(RenderBatchReader batch, Node parent, int childIndex, int frameIndex)
    {
        var frame = batch.Frame(frameIndex);
        switch (frame.Type)
        {
            case FrameType.Element:
                var element = Node.Element(frame.Name!);
                var end = frameIndex + frame.SubtreeLength;
                var i = frameIndex + 1;
                for (; i < end && batch.Frame(i) is { Type: FrameType.Attribute } attribute; i++) SetAttribute(element, attribute);
                parent.Insert(childIndex, element);
                InsertFrameRange(batch, element, 0, i, end);
                return 1;
            case FrameType.Text:
                parent.Insert(childIndex, Node.TextNode(frame.Value));
                return 1;
            case FrameType.Markup:
                parent.Insert(childIndex, Node.Markup(frame.Value));
                return 1;
            case FrameType.Component:
                var container = Node.Container();
                parent.Insert(childIndex, container);
                _components[frame.ComponentId] = container;
                return 1;
            case FrameType.Region:
                return InsertFrameRange(batch, parent, childIndex, frameIndex + 1, frameIndex + frame.SubtreeLength);
            case FrameType.Attribute:
                throw new InvalidDataException("an attribute frame outside an element's leading frames");
            default:
                return 0; // reference captures: part of the diff, no node
        }
    }

    private int InsertFrameRange(RenderBatchReader batch, Node parent, int childIndex, int start, int endExclusive)
    {
        var first = childIndex;
        for (var i = start; i < endExclusive; i++)
        {
            var frame = batch.Frame(i);
            childIndex += InsertFrame(batch, parent, childIndex, i);
            if (frame.Type is FrameType.Element or FrameType.Component or FrameType.Region) i += frame.SubtreeLength - 1;
        }
        return childIndex - first;
    }

    private static void SetAttribute(Node element, RenderFrame attribute)
    {
        var name = attribute.Name!;
        if (attribute.EventHandlerId != 0)
        {
            // As the browser's event delegator: "onclick" with an id is a click listener, not a DOM attribute.
            element.Handlers[name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name] = attribute.EventHandlerId;
        }
        else if (attribute.Value is null)
        {
            element.Attributes.Remove(name);
        }
        else
        {
            element.Attributes[name] = attribute.Value;
        }
    }

    /// <summary>Every element, in document order.</summary>
    public IEnumerable<Node> Elements() => _roots.SelectMany(r => r.Descendants()).Where(n => n.Kind == NodeKind.Element);

    internal enum NodeKind { Element, Text, Markup, Container }

    internal sealed partial class Node
    {
        public NodeKind Kind { get; private init; }
        public string? Name { get; private init; }
        public string? Text { get; set; }
        public Node? Parent { get; private set; }
        public List<Node> Children { get; } = [];
        public Dictionary<string, string> Attributes { get; } = [];
        public Dictionary<string, ulong> Handlers { get; } = [];

        public static Node Element(string name) => new() { Kind = NodeKind.Element, Name = name };
        public static Node TextNode(string? text) => new() { Kind = NodeKind.Text, Text = text };
        public static Node Container() => new() { Kind = NodeKind.Container };

        /// <summary>
        /// A markup block, parsed into its elements and texts under one logical child: the agents look inside it (a
        /// users-table row's cells and link are one markup block). Enough HTML for what the app renders as markup
        /// (elements, quoted attributes, void elements, comments); text and attribute values are entity-decoded.
        /// </summary>
        public static Node Markup(string? html)
        {
            var block = new Node { Kind = NodeKind.Markup };
            html ??= "";
            var open = block;
            var at = 0;
            foreach (Match tag in Tag().Matches(html))
            {
                if (tag.Index > at) open.Insert(open.Children.Count, TextNode(WebUtility.HtmlDecode(html[at..tag.Index])));
                at = tag.Index + tag.Length;
                if (tag.Value.StartsWith("<!", StringComparison.Ordinal)) continue;
                var name = tag.Groups["name"].Value.ToLowerInvariant();
                if (tag.Groups["close"].Success)
                {
                    for (var n = open; n is not null && n != block; n = n.Parent)
                        if (n.Name == name) { open = n.Parent!; break; }
                    continue;
                }
                var element = Element(name);
                foreach (Match a in Attribute().Matches(tag.Groups["attributes"].Value))
                    element.Attributes[a.Groups["name"].Value.ToLowerInvariant()] = WebUtility.HtmlDecode(a.Groups["value"].Success ? a.Groups["value"].Value : "");
                open.Insert(open.Children.Count, element);
                if (!VoidElements.Contains(name) && !tag.Value.EndsWith("/>", StringComparison.Ordinal)) open = element;
            }
            if (at < html.Length) open.Insert(open.Children.Count, TextNode(WebUtility.HtmlDecode(html[at..])));
            return block;
        }

        private static readonly HashSet<string> VoidElements = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

        public void Insert(int index, Node child)
        {
            child.Parent = this;
            Children.Insert(index, child);
        }

        public void RemoveAt(int index)
        {
            Children[index].Parent = null;
            Children.RemoveAt(index);
        }

        public IEnumerable<Node> Descendants()
        {
            foreach (var child in Children)
            {
                yield return child;
                foreach (var d in child.Descendants()) yield return d;
            }
        }

        /// <summary>The nearest element above (containers are not elements).</summary>
        public Node? ParentElement()
        {
            var p = Parent;
            while (p is { Kind: not NodeKind.Element }) p = p.Parent;
            return p;
        }

        public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

        public string TextContent()
        {
            var text = new StringBuilder();
            foreach (var n in Descendants().Prepend(this)) if (n.Kind is NodeKind.Text or NodeKind.Markup) text.Append(n.Text);
            return text.ToString();
        }

        /// <summary>Element children, as the DOM counts them (through component containers).</summary>
        public bool HasElementChildren() => Descendants().Any(n => n.Kind == NodeKind.Element);

        [GeneratedRegex("""<!--.*?-->|<(?<close>/)?(?<name>[a-zA-Z][\w-]*)(?<attributes>(?:"[^"]*"|'[^']*'|[^>"'])*)>""", RegexOptions.Singleline)]
        private static partial Regex Tag();

        [GeneratedRegex("""(?<name>[^\s=/>"']+)(?:\s*=\s*(?:"(?<value>[^"]*)"|'(?<value>[^']*)'|(?<value>[^\s>"']+)))?""")]
        private static partial Regex Attribute();
    }
}
