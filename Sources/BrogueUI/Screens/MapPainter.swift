public import BrogueCore
public import BrogueFrame

/// How one map cell looks to the player: terrain by draw priority, then what lies and stands
/// there, lit by the player's light, dimmed where only remembered.
public enum MapPainter {
    /// The cell at level position `p` as the player knows it.
    public static func cell(_ game: Game, at p: Point, ascii: Bool) -> Cell {
        cell(game, Screen(game, looks: Looks(game.catalog, ascii: ascii)), at: p)
    }

    /// The monster out of sight at `p` the player still knows of: any under telepathy, an ally
    /// always (the telepathic bond).
    static func sensed(_ occupants: MapOccupants, at p: Point, telepathic: Bool) -> Int? {
        telepathic ? occupants.monster(at: p) : occupants.ally(at: p)
    }

    /// How one kind of terrain draws: what a cell needs of its `TerrainKind`, copied out once
    /// per screen. Copying the kind itself for each layer of each cell retained and released
    /// its every name and list.
    struct TerrainLook {
        var drawPriority: Int
        /// A cell holding the glyph, packed once: painting copies it rather than packing the
        /// glyph's `Character` again for every cell.
        var glyph: Cell
        var foreground: TermColor
        /// Nil for a black background, which never covers another layer's.
        var background: TermColor?
        /// The foreground and background as a remembered cell (out of sight) shows them, worked
        /// out once per screen rather than for every remembered cell.
        var rememberedForeground: TermColor
        var rememberedBackground: TermColor
    }

    /// What painting a screen needs from the game, taken once: the current level (reading
    /// `game.level` copies it, retaining and releasing every buffer it holds, which once per cell
    /// was a quarter of a busy node's CPU), the cells' occupants, the terrain's looks and the light.
    struct Screen {
        let level: Level
        let occupants: MapOccupants
        let looks: [TerrainLook]
        let telepathic: Bool
        let lightRadius: Int
        let ascii: Bool
        /// What a remembered cell with no background shows behind its glyph.
        let rememberedBlack: TermColor
        /// The colours of the theme a cell reads, once per screen: each read of a global
        /// constant from another module is a call.
        let black = TermColor.black
        let blank = Cell.blank
        let magicMapped = Theme.magicMapped
        let magicMappedDim = Theme.magicMapped.scaled(percent: 60)

        /// - Parameter looks: the looks of `game`'s content (`Looks.fit`).
        init(_ game: Game, looks: Looks) {
            level = game.level
            occupants = MapOccupants(game)
            self.looks = looks.terrain
            rememberedBlack = looks.rememberedBlack
            telepathic = game.player.status.telepathic > 0
            lightRadius = max(1, game.lightRadius)
            ascii = looks.ascii
        }
    }

    /// How every kind of terrain of a catalog draws: the same for every screen of a game, so a
    /// `PlaySession` keeps them (`GameView.render`) rather than packing each kind's glyph and
    /// working out its colours again for every frame (a tenth of a node's work per action).
    struct Looks {
        let contentHash: UInt64
        let ascii: Bool
        let terrain: [TerrainLook]
        /// What a remembered cell with no background shows behind its glyph.
        let rememberedBlack: TermColor

        init(_ catalog: ContentCatalog, ascii: Bool) {
            contentHash = catalog.contentHash
            self.ascii = ascii
            // Field by field through the array, so no kind is copied whole.
            let terrains = catalog.terrains
            terrain = terrains.indices.map { t in
                let foreground = terrains[t].foreground.term
                let background = terrains[t].background.term
                return TerrainLook(
                    drawPriority: terrains[t].drawPriority,
                    glyph: Cell(ascii ? terrains[t].asciiGlyph : terrains[t].glyph),
                    foreground: foreground,
                    background: terrains[t].background == .black ? nil : background,
                    rememberedForeground: MapPainter.remembered(foreground: foreground),
                    rememberedBackground: MapPainter.remembered(background: background)
                )
            }
            rememberedBlack = MapPainter.remembered(background: .black)
        }

        /// Whether these are the looks of `game`'s content in the `ascii` glyphs.
        func fit(_ game: Game, ascii: Bool) -> Bool { self.ascii == ascii && contentHash == game.catalog.contentHash }
    }

    /// The cell at `p` of the game's current level, as `screen` (taken from `game`) shows it.
    static func cell(_ game: Game, _ screen: Screen, at p: Point) -> Cell {
        // Read through `screen`, never copied out of it: a local copy of the level retains and
        // releases each of its buffers, once per cell.
        let visible = game.visible[p]
        let remembered = screen.level.discovered[p]
        let mapped = screen.level.magicMapped[p]
        if !visible && !remembered && !mapped {
            if let m = sensed(screen.occupants, at: p, telepathic: screen.telepathic) {
                return Cell(game.catalog.monsters[game.apparentKind(of: game.monsters[m])].glyph, fg: screen.magicMapped, bg: screen.black)
            }
            return screen.blank
        }
        // `Cell.blank` is `Cell(" ")`, made once rather than packed again for every cell.
        var glyph = screen.blank
        var fg = screen.black
        var bg = screen.black
        // The looks that gave the glyph and the background, for a remembered cell's colours.
        var glyphLook: Int?
        var backLook: Int?
        var bestGlyph = Int.max
        var bestBack = Int.max
        for layer in screen.level.layers.indices {
            let t = screen.level.layers[layer][p]
            guard t >= 0 else { continue }
            let look = screen.looks[Int(t)]
            if look.drawPriority < bestGlyph {
                bestGlyph = look.drawPriority
                glyph = look.glyph
                fg = look.foreground
                glyphLook = Int(t)
            }
            if let back = look.background, look.drawPriority < bestBack {
                bestBack = look.drawPriority
                bg = back
                backLook = Int(t)
            }
        }
        if visible || remembered, let i = screen.occupants.item(at: p) {
            let item = screen.level.items[i].item
            glyph = Cell(game.catalog.items[item.kind].glyph)
            fg = itemColor(game, item)
            glyphLook = nil
        }
        if visible {
            if p == game.player.position {
                glyph = Cell("@")
                fg = Theme.player
            } else if let m = screen.occupants.monster(at: p), game.canSee(game.monsters[m]) {
                let kind = game.apparentKind(of: game.monsters[m])
                glyph = Cell(game.catalog.monsters[kind].glyph)
                fg = game.catalog.monsters[kind].color.term
            }
            let light = lightPercent(game.player.position, radius: screen.lightRadius, lit: screen.level.lit[p], p)
            return glyph.colored(fg.scaled(percent: light), on: bg.scaled(percent: light))
        }
        if let m = sensed(screen.occupants, at: p, telepathic: screen.telepathic) {
            return Cell(game.catalog.monsters[game.apparentKind(of: game.monsters[m])].glyph, fg: screen.magicMapped, bg: Theme.remembered)
        }
        if remembered {
            return glyph.colored(
                glyphLook.map { screen.looks[$0].rememberedForeground } ?? MapPainter.remembered(foreground: fg),
                on: backLook.map { screen.looks[$0].rememberedBackground } ?? screen.rememberedBlack
            )
        }
        return glyph.colored(screen.magicMappedDim, on: screen.black)
    }

    /// A glyph's colour in a remembered cell: greyed and dark.
    static func remembered(foreground fg: TermColor) -> TermColor { fg.desaturated(percent: 50).scaled(percent: 45) }

    /// A background in a remembered cell: greyed, darker still, tinted with the theme's memory blue.
    static func remembered(background bg: TermColor) -> TermColor {
        bg.desaturated(percent: 50).scaled(percent: 30).adding(Theme.remembered)
    }

    /// Light falls off with distance from the player (at `player`, with light radius `radius`,
    /// at least 1); glowing terrain (`lit`) keeps cells bright.
    static func lightPercent(_ player: Point, radius r: Int, lit: Bool, _ p: Point) -> Int {
        let dx = p.x - player.x
        let dy = p.y - player.y
        // In steps of 10%, so a step redraws only the cells whose band changed.
        let falloff = (100 - 45 * (dx * dx + dy * dy) / (r * r)) / 10 * 10
        return min(100, max(55, falloff, lit ? 90 : 0))
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
        paint(game, into: &frame, looks: Looks(game.catalog, ascii: ascii))
    }

    /// `paint` with the terrain's looks worked out before; they must fit the game (`Looks.fit`).
    static func paint(_ game: Game, into frame: inout Frame, looks: Looks) {
        let screen = Screen(game, looks: looks)
        frame.paint(x: Layout.mapX, y: Layout.mapY, width: Dungeon.width, height: Dungeon.height) { x, y in
            cell(game, screen, at: Point(x, y))
        }
    }
}

extension Cell {
    /// This cell's glyph in `fg` on `bg`, not bold.
    fileprivate func colored(_ fg: TermColor, on bg: TermColor) -> Cell {
        var cell = self
        cell.fg = fg
        cell.bg = bg
        cell.bold = false
        return cell
    }
}
