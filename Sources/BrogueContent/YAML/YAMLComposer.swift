import CLibYAML

/// Builds a `YNode` tree from libyaml's event stream, enforcing `ContentLimits` as it goes.
///
/// Not Yams' `compose`: that recurses once per nesting level, hashes whole mapping keys
/// (an alias used as a key then costs time exponential in the file's size), and stops at
/// the first duplicate key. Here composition is a loop over events with an explicit stack,
/// the node budget counts every alias expansion before anything is walked, and keys are
/// left for the schema reader to check.
struct YAMLComposer {
    enum Outcome {
        case document(YNode)
        /// No document at all: an empty file, or only comments.
        case empty
        /// Problems were reported to the sink.
        case failed
    }

    let limits: ContentLimits

    func compose(_ bytes: [UInt8], sink: DiagnosticSink) -> Outcome {
        guard !bytes.isEmpty else { return .empty }
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                sink.error(.start, "could not start the YAML parser (out of memory)")
                return .failed
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = Builder(limits: limits, sink: sink)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    Self.reportParserError(parser, bytes, sink)
                    return .failed
                }
                defer { yaml_event_delete(&event) }
                switch builder.handle(event) {
                case .more: continue
                case .failed: return .failed
                case .done: return builder.root.map(Outcome.document) ?? .empty
                }
            }
        }
    }

    private static func reportParserError(_ parser: yaml_parser_t, _ bytes: [UInt8], _ sink: DiagnosticSink) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            sink.error(.start, "the YAML parser ran out of memory")
        case YAML_READER_ERROR:
            sink.error(Mark.of(byteOffset: parser.problem_offset, in: bytes), "unreadable text: \(problem)", hint: "save the file as UTF-8 text")
        default:
            let mark = Mark(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
            var message = "YAML syntax error: \(problem)"
            if let context = parser.context.map({ String(cString: $0) }) {
                message += " (\(context) at \(parser.context_mark.line + 1):\(parser.context_mark.column + 1))"
            }
            sink.error(mark, message, hint: "check the indentation and quoting here and on the line before")
        }
    }
}

extension Mark {
    /// The line and column of a byte offset into UTF-8 text.
    static func of(byteOffset: Int, in bytes: [UInt8]) -> Mark {
        var mark = Mark.start
        for b in bytes.prefix(max(0, byteOffset)) {
            if b == UInt8(ascii: "\n") {
                mark.line += 1
                mark.column = 1
            } else if b & 0xC0 != 0x80 {
                mark.column += 1
            }
        }
        return mark
    }
}

/// The composer's state between events.
private struct Builder {
    enum Step { case more, done, failed }

    struct Frame {
        var isMapping: Bool
        var mark: Mark
        var anchor: String?
        var children: [YNode] = []
        var weight = 1
        var height = 1
    }

    let limits: ContentLimits
    let sink: DiagnosticSink
    var stack: [Frame] = []
    var anchors: [String: YNode] = [:]
    var root: YNode?
    var documents = 0
    var budgetUsed = 0

    init(limits: ContentLimits, sink: DiagnosticSink) {
        self.limits = limits
        self.sink = sink
    }

    mutating func handle(_ event: yaml_event_t) -> Step {
        let mark = Mark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return .done
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                sink.error(mark, "a second YAML document starts here", hint: "a content file holds one document; remove the '---' line")
                return .failed
            }
            return .more
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard var node = anchors[name] else {
                sink.error(mark, "alias '*\(name.clipped)' names no anchor defined before it", hint: "define '&\(name.clipped)' earlier in the file")
                return .failed
            }
            guard stack.count + node.height <= limits.maxDepth else {
                sink.error(mark, "alias '*\(name.clipped)' nests deeper than \(limits.maxDepth) levels")
                return .failed
            }
            guard spend(node.weight, at: mark, because: "alias '*\(name.clipped)' expands") else { return .failed }
            node.mark = mark
            attach(node)
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            checkTag(s.tag, at: mark)
            guard s.length <= limits.maxScalarBytes else {
                sink.error(
                    mark,
                    "a scalar of \(s.length) bytes is over the limit of \(limits.maxScalarBytes) bytes",
                    hint: "shorten the text"
                )
                return .failed
            }
            guard spend(1, at: mark, because: "the file has") else { return .failed }
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            let node = YNode(value: .scalar(text, plain: s.style == YAML_PLAIN_SCALAR_STYLE), mark: mark, weight: 1, height: 1)
            if let anchor = Self.string(s.anchor) { anchors[anchor] = node }
            attach(node)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            checkTag(tag, at: mark)
            guard stack.count < limits.maxDepth else {
                sink.error(mark, "nesting deeper than \(limits.maxDepth) levels", hint: "content needs only a few levels of lists and mappings")
                return .failed
            }
            guard spend(1, at: mark, because: "the file has") else { return .failed }
            stack.append(Frame(isMapping: isMapping, mark: mark, anchor: Self.string(anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return .failed }
            let value: YNode.Value
            if frame.isMapping {
                var pairs: [YNode.Pair] = []
                pairs.reserveCapacity(frame.children.count / 2)
                var i = 0
                while i + 1 < frame.children.count {
                    pairs.append(YNode.Pair(key: frame.children[i], value: frame.children[i + 1]))
                    i += 2
                }
                value = .mapping(pairs)
            } else {
                value = .sequence(frame.children)
            }
            let node = YNode(value: value, mark: frame.mark, weight: frame.weight, height: frame.height)
            if let anchor = frame.anchor { anchors[anchor] = node }
            attach(node)
        default:
            return .more
        }
        return .more
    }

    private mutating func spend(_ nodes: Int, at mark: Mark, because what: String) -> Bool {
        budgetUsed += nodes
        guard budgetUsed > limits.maxNodes else { return true }
        sink.error(
            mark,
            "\(what) more than \(limits.maxNodes) YAML nodes",
            hint: "content files are small; anchors and aliases that multiply ('billion laughs') are refused"
        )
        return false
    }

    private mutating func attach(_ node: YNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        stack[stack.count - 1].children.append(node)
        stack[stack.count - 1].weight += node.weight
        stack[stack.count - 1].height = max(stack[stack.count - 1].height, node.height + 1)
    }

    private func checkTag(_ tag: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark) {
        guard let tag = Self.string(tag)?.clipped else { return }
        sink.error(mark, "YAML tag '\(tag)' is not supported in content", hint: "remove the tag; each field's type comes from the schema")
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        p.map { String(cString: $0) }
    }
}
