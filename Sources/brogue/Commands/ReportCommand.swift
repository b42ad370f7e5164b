import ArgumentParser

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports made by playing many games with the bot.",
        subcommands: [BalanceReportCommand.self]
    )
}
