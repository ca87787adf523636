/// A named stage of the route (`branch`, `sales`, `leadership`, `file`, …); stages run in order,
/// the steps inside one in parallel.
public struct Stage: Sendable, Hashable, Codable {
    public var name: String
    public var steps: [Step]

    public init(name: String, steps: [Step] = []) {
        self.name = name
        self.steps = steps
    }
}
