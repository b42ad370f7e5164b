import Testing

@testable import BrogueNode

/// Which processes run their tasks on NIO's event loops: `brogue node`, unless the operator says no.
@Suite struct NodeExecutorTests {
    @Test func onlyANodeTakesOverThePoolAndTheVariableCanKeepIt() {
        #expect(NodeExecutor.wanted(arguments: ["brogue", "node"], environment: [:]))
        #expect(
            NodeExecutor.wanted(
                arguments: ["/usr/bin/brogue", "node", "--listen", "0.0.0.0:8080"],
                environment: ["BROGUE_TASKS_ON_EVENT_LOOPS": "1"]
            )
        )
        for off in ["0", "false", "NO", "off"] {
            #expect(!NodeExecutor.wanted(arguments: ["brogue", "node"], environment: [NodeExecutor.variable: off]), "\(off)")
        }
        // Other commands (the game in a terminal, the load tool, a client) keep Swift's pool.
        for other in [["brogue"], ["brogue", "play"], ["brogue", "loadtest", "node"], ["brogue", "--help"]] {
            #expect(!NodeExecutor.wanted(arguments: other, environment: [:]), "\(other)")
        }
    }
}
