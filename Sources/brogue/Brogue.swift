import ArgumentParser

@main
struct Brogue: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "brogue", abstract: "A Brogue-style roguelike.")
}
