import ArgumentParser

/// The `tome-resolve` command: finds which book of a library a device's
/// filename names.
@main
struct TomeResolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tome-resolve",
        abstract: "Find which book in a library a device's filename names.",
        discussion: """
            A wrong answer is worse than none: when the evidence in a name does not \
            single out one book, tome-resolve refuses and says why.
            """,
        version: "0.1.0",
        subcommands: [Parse.self, Index.self]
    )
}
