/// Narrows who may take a step: `branch` means only users of the request's branch.
public enum StepScope: String, Sendable, Hashable, CaseIterable, Codable {
    case branch
}
