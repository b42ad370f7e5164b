public import BrogueCore
public import BrogueFrame

/// How one map cell looks to the player: terrain by draw priority, then what lies and stands
/// there, lit by the player's light, dimmed where only remembered.
public enum MapPainter {
    /// The cell at level position `p` as the player knows it.
    public static func cell(_ game: Game, at p: Point, ascii: Bool) -> Cell {
        cell(game, game.level, at: p, ascii: ascii, occupants: MapOccupants(game))
    }

    /// The monster out of sight at `p` the player still knows of: any under telepathy, an ally
    /// always (the telepathic bond).
    static func sensed(_ occupants: MapOccupants, at p: Point, telepathic: Bool) -> Int? {
        telepathic ? occupants.monster(at: p) : occupants.ally(at: p)
    }

    /// The cell at `p` of `level`, the game's current level. Painting takes the level and the
    /// cells' occupants once and passes them: reading `game.level` copies the level (retaining
    /// and releasing every buffer it holds), which once per cell was a quarter of a busy node's CPU.
    static func cell(_ game: Game, _ level: Level, at p: Point, ascii: Bool, occupants: MapOccupants) -> Cell {
        let visible = game.visible[p]
        let remembered = level.discovered[p]
        let mapped = level.magicMapped[p]
        let telepathic = game.player.status.telepathic > 0
        if !visible && !remembered && !mapped {
            if let m = sensed(occupants, at: p, telepathic: telepathic) {
                return Cell(game.catalog.monsters[game.apparentKind(of: game.monsters[m])].glyph, fg: Theme.magicMapped, bg: .black)
            }
            return .blank
        }
        var glyph: Character = " "
        var fg = TermColor.black
        var bg = TermColor.black
        var bestGlyph = Int.max
        var bestBack = Int.max
        for layer in TerrainLayer.allCases {
            guard let t = level.terrain(layer, at: p) else { continue }
            let kind = game.catalog.terrains[t]
            if kind.drawPriority < bestGlyph {
                bestGlyph = kind.drawPriority
                glyph = ascii ? kind.asciiGlyph : kind.glyph
                fg = kind.foreground.term
            }
            if kind.background != .black && kind.drawPriority < bestBack {
                bestBack = kind.drawPriority
                bg = kind.background.term
            }
        }
        if visible || remembered, let i = level.itemIndex(at: p) {
            let item = level.items[i].item
            let kind = game.catalog.items[item.kind]
            glyph = kind.glyph
            fg = itemColor(game, item)
        }
        if visible {
            if p == game.player.position {
                glyph = "@"
                fg = Theme.player
            } else if let m = occupants.monster(at: p), game.canSee(game.monsters[m]) {
                let kind = game.catalog.monsters[game.apparentKind(of: game.monsters[m])]
                glyph = kind.glyph
                fg = kind.color.term
            }
            let light = lightPercent(game, level, p)
            return Cell(glyph, fg: fg.scaled(percent: light), bg: bg.scaled(percent: light))
        }
        if let m = sensed(occupants, at: p, telepathic: telepathic) {
            return Cell(game.catalog.monsters[game.apparentKind(of: game.monsters[m])].glyph, fg: Theme.magicMapped, bg: Theme.remembered)
        }
        if remembered {
            return Cell(
                glyph,
                fg: fg.desaturated(percent: 50).scaled(percent: 45),
                bg: bg.desaturated(percent: 50).scaled(percent: 30).adding(Theme.remembered)
            )
        }
        return Cell(glyph, fg: Theme.magicMapped.scaled(percent: 60), bg: .black)
    }

    /// Light falls off with distance from the player; glowing terrain keeps cells bright.
    static func lightPercent(_ game: Game, _ level: Level, _ p: Point) -> Int {
        let dx = p.x - game.player.position.x
        let dy = p.y - game.player.position.y
        let r = max(1, game.lightRadius)
        // In steps of 10%, so a step redraws only the cells whose band changed.
        let falloff = (100 - 45 * (dx * dx + dy * dy) / (r * r)) / 10 * 10
        let lit = level.lit[p] ? 90 : 0
        return min(100, max(55, falloff, lit))
    }

    /// Unidentified potions show their disguise's colour.
    static func itemColor(_ game: Game, _ item: Item) -> TermColor {
        let kind = game.catalog.items[item.kind]
        if kind.category == .potion && !game.knownKinds[item.kind] {
            return game.catalog.appearances.potionColors[game.potionAppearance[item.kind]].color.term
        }
        return kind.color.term
    }

    /// Paints the whole map into `frame` at the layout's map position.
    public static func paint(_ game: Game, into frame: inout Frame, ascii: Bool) {
        let level = game.level
        let occupants = MapOccupants(game)
        for y in 0..<Dungeon.height {
            for x in 0..<Dungeon.width {
                frame[x: Layout.mapX + x, y: Layout.mapY + y] = cell(game, level, at: Point(x, y), ascii: ascii, occupants: occupants)
            }
        }
    }
}
