public import Hummingbird

/// The request context of the node's router. WebSocket upgrades do not go through the router
/// (`NodeChannel` decides them), so it needs nothing beyond Hummingbird's.
public struct NodeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
