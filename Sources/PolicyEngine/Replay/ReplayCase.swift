import SalesDomain

/// One stored case as replay sees it: the request as last decided, the context it was decided
/// in, the decision the store keeps, and the hash of the policy version that made it.
public struct ReplayCase: Sendable {
    public var id: String
    public var kind: RequestKind
    /// When the case was created (ISO instant), for ordering and `--since`.
    public var createdAt: String
    public var request: Request
    /// The context the decision was made in; nil when none could be had (see `contextNote`).
    public var context: PolicyContext?
    /// The stored context as JSON (the context-file shape), decoded by the worker that replays
    /// the case when `context` is nil.
    public var contextJSON: String?
    /// The context was rebuilt from today's master data because the case predates stored
    /// contexts (replay is then only as good as that reconstruction).
    public var contextReconstructed: Bool
    /// Why there is no context, when `context` is nil.
    public var contextNote: String?
    /// The decision the store keeps for the case.
    public var decision: Decision
    /// The hash of the policy version that decided it (`sha256:…`).
    public var policy: String

    public init(id: String, kind: RequestKind, createdAt: String, request: Request, context: PolicyContext?,
                contextJSON: String? = nil, contextReconstructed: Bool = false, contextNote: String? = nil, decision: Decision, policy: String) {
        self.id = id
        self.kind = kind
        self.createdAt = createdAt
        self.request = request
        self.context = context
        self.contextJSON = contextJSON
        self.contextReconstructed = contextReconstructed
        self.contextNote = contextNote
        self.decision = decision
        self.policy = policy
    }
}
