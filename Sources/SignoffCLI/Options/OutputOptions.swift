import ArgumentParser
import PolicyEngine

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension Language: ExpressibleByArgument {}

/// `--format table|json` and `--lang zh|en`, shared by the commands that print decisions.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table (for people) or json (for programs).")
    var format: OutputFormat = .table

    @Option(name: .customLong("lang"), help: "Language of reason texts: zh or en.")
    var language: Language = .zh
}
