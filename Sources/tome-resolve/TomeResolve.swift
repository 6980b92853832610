import ArgumentParser
import Foundation

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
        subcommands: [Resolve.self, Parse.self, Index.self, Eval.self, Serve.self, Keys.self, Generate.self]
    )

    /// Runs the command; usage errors exit with status 2 (not ArgumentParser's
    /// 64), as the `resolve` contract says: 0 resolved, 1 refused, 2 error.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            if error is ExitCode || exitCode(for: error) == .success { exit(withError: error) }
            // Print ArgumentParser's message (usage) or ours (the libraries'
            // errors with the CLI's hints), then exit 2.
            let message = (CLIHints.message(for: error) ?? fullMessage(for: error)).replacingOccurrences(of: "Error: ", with: "")
            FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
