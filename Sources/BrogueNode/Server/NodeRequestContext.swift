public import Hummingbird
public import HummingbirdWebSocket
public import NIOCore

/// The request context of the node's router: Hummingbird's, the WebSocket upgrade slot, and the
/// channel, so a connection whose client stops reading can be closed at once.
public struct NodeRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }
}
