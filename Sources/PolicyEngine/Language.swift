/// The language of reason texts. Codes stay the same in every language.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}
