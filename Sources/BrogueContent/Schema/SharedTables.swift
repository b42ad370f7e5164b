/// Tables used by more than one kind.
enum SharedTables {
    /// A damage roll, as monsters, weapons and the player's bare hands write it.
    static let damage = ContentSchema.Table(
        name: "damage",
        fields: [
            .init("min", .integer(min: 0, max: nil), .required, "Least damage a hit does."),
            .init("max", .integer(min: 0, max: nil), .required, "Most damage a hit does; not below `min`."),
            .init("clump", .integer(min: 1, max: nil), .value("1"), "Dice summed per roll; a higher clump keeps rolls nearer the middle."),
        ]
    )
}
