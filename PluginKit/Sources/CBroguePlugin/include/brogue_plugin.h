/*
 * brogue_plugin.h — the one public contract between the Brogue host and a native plugin.
 *
 * Rules of this header (see docs/plugins.md):
 * - A plugin includes only this file and links no host symbol: everything the host offers
 *   arrives as a table of function pointers (brogue_host_api), as SQLite extensions do.
 * - Within one ABI major version, changes are additive: new structs, new fields at the END
 *   of existing structs, new entries at the END of brogue_host_api and brogue_registrar.
 *   Nothing is reordered, retyped or removed until the major changes.
 * - Every struct that may grow starts with `size_t size`, set to sizeof(the struct as the
 *   writer compiled it), so the reader knows which fields exist (as OBS's *_info structs).
 * - No variadic functions, no macros that define functions, one opaque pointer type per
 *   kind of thing (never a bare void *), and native code is never unloaded.
 */
#ifndef BROGUE_PLUGIN_H
#define BROGUE_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI this header describes. The host refuses a plugin whose major differs from its own
   or whose minor is newer than its own; a plugin built against an older minor loads. */
#define BROGUE_PLUGIN_ABI_MAJOR 1
#define BROGUE_PLUGIN_ABI_MINOR 3

/* Marks the two functions a plugin exports so they stay visible under -fvisibility=hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define BROGUE_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define BROGUE_PLUGIN_EXPORT
#endif

/* Result of init, registrations and callbacks: 0 is success, anything else is failure. */
typedef int32_t brogue_status;
#define BROGUE_STATUS_OK 0
#define BROGUE_STATUS_ERROR 1

/* An ABI version: returned by value from brogue_plugin_abi(). */
typedef struct brogue_abi_version {
    uint32_t major; /* must equal the host's BROGUE_PLUGIN_ABI_MAJOR */
    uint32_t minor; /* must be <= the host's BROGUE_PLUGIN_ABI_MINOR */
} brogue_abi_version;

/* A map cell: x grows to the east, y to the south, (0, 0) is the top-left corner. */
typedef struct brogue_point {
    int32_t x;
    int32_t y;
} brogue_point;

/* The game a callback runs in. Opaque: read it only through brogue_host_api. Valid only
   for the duration of the call that received it; never store it. */
typedef struct brogue_game brogue_game;

/* The level a generator stage is building (ABI 1.1). Opaque: read and change it only through
   brogue_host_api's level_* entries. Valid only during the stage's run call; never store it. */
typedef struct brogue_level brogue_level;

/* Host-private state behind a registrar. Opaque; pass it back unchanged. */
typedef struct brogue_registrar_state brogue_registrar_state;

/* Severity for brogue_host_api.log. */
typedef int32_t brogue_log_level;
#define BROGUE_LOG_DEBUG 0
#define BROGUE_LOG_INFO 1
#define BROGUE_LOG_WARNING 2
#define BROGUE_LOG_ERROR 3

/* Terrain flag bits returned by brogue_host_api.terrain_flags. */
#define BROGUE_TERRAIN_OUT_OF_BOUNDS 0x1u /* the cell is off the map; no other bit is set */
#define BROGUE_TERRAIN_BLOCKS_MOVE 0x2u   /* creatures cannot stand here (wall, statue) */
#define BROGUE_TERRAIN_BLOCKS_VISION 0x4u /* light and sight stop here */
#define BROGUE_TERRAIN_LIQUID 0x8u        /* water, lava, mud: something swims or sinks */

/* What brogue_host_api.creature_at reports about a creature (ABI 1.1). */
typedef struct brogue_creature_info {
    size_t size;    /* set by the host before the call; the host writes only fields that fit */
    int32_t id;     /* unique in the game and never reused; 0 is the player */
    int32_t hp;     /* current hit points */
    int32_t max_hp; /* maximum hit points */
    bool is_player; /* true for the player */
} brogue_creature_info;

/* Statuses for brogue_host_api.apply_status (ABI 1.1). */
typedef int32_t brogue_status_kind;
#define BROGUE_STATUS_HASTED 1
#define BROGUE_STATUS_CONFUSED 2
#define BROGUE_STATUS_PARALYZED 3
#define BROGUE_STATUS_TELEPATHIC 4
#define BROGUE_STATUS_DARKENED 5
#define BROGUE_STATUS_POISONED 6

/* ABI 1.3: a content id (terrain, monster kind) is at most 64 bytes; this many hold one and its NUL. */
#define BROGUE_ID_SIZE 65

/* What brogue_host_api.cell_info reports about a cell (ABI 1.3). Each id is NUL-terminated
   UTF-8, "" when there is nothing. */
typedef struct brogue_cell_info {
    size_t size;                         /* set by the plugin before the call; the host writes only fields that fit */
    uint32_t terrain_flags;              /* BROGUE_TERRAIN_* bits, as terrain_flags returns them */
    int32_t occupant_id;                 /* the creature standing there (0 the player), or -1 when no one */
    int32_t item_count;                  /* items lying there */
    char dungeon[BROGUE_ID_SIZE];        /* terrain id on the dungeon layer ("floor", "wall", ...) */
    char liquid[BROGUE_ID_SIZE];         /* terrain id on the liquid layer ("deep-water", ...) */
    char surface[BROGUE_ID_SIZE];        /* terrain id on the surface layer ("grass", ...) */
    char gas[BROGUE_ID_SIZE];            /* terrain id on the gas layer */
    char occupant_kind[BROGUE_ID_SIZE];  /* "player", or the monster kind's id */
} brogue_cell_info;

/* Kinds of message for brogue_host_api.message (ABI 1.1); they pick the colour. */
typedef int32_t brogue_message_kind;
#define BROGUE_MESSAGE_INFO 0
#define BROGUE_MESSAGE_GOOD 1
#define BROGUE_MESSAGE_BAD 2
#define BROGUE_MESSAGE_WARNING 3

/*
 * What the host offers a plugin. The host owns this table; it lives as long as the process.
 * A plugin may keep the pointer. Before using an entry added after 1.0, check that
 *   host->size >= offsetof(brogue_host_api, entry) + sizeof(host->entry)
 * Every entry is always non-NULL when it is present.
 */
typedef struct brogue_host_api {
    size_t size;        /* sizeof(brogue_host_api) as the host compiled it */
    uint32_t abi_major; /* the host's BROGUE_PLUGIN_ABI_MAJOR */
    uint32_t abi_minor; /* the host's BROGUE_PLUGIN_ABI_MINOR */

    /* Writes one line to the host's log. message is UTF-8, NUL-terminated; the host copies it. */
    void (*log)(brogue_log_level level, const char *message);

    /* A uniform draw in [0, bound) from the game's substantive random stream, so that a game
       replays identically. Plugins must never use their own randomness. bound <= 0 returns 0. */
    int32_t (*random_below)(brogue_game *game, int32_t bound);

    /* Read-only queries on the game. */
    int32_t (*depth)(const brogue_game *game);                             /* 1 is the first level */
    brogue_point (*player_position)(const brogue_game *game);              /* where the player stands */
    int32_t (*player_hp)(const brogue_game *game);                         /* current hit points */
    uint32_t (*terrain_flags)(const brogue_game *game, brogue_point cell); /* BROGUE_TERRAIN_* bits */

    /* ABI 1.1: reading the game at a cell. */
    /* Fills *info (set info->size first) with who stands on cell; false when no one does. */
    bool (*creature_at)(const brogue_game *game, brogue_point cell, brogue_creature_info *info);
    /* How many items lie on cell of the current level. */
    int32_t (*item_count_at)(const brogue_game *game, brogue_point cell);
    /* Walking distance from cell to the player on the monsters' Dijkstra map (walls and hazards
       block); -1 when the player cannot be reached on foot from there. */
    int32_t (*distance_to_player)(brogue_game *game, brogue_point cell);

    /* ABI 1.1: acting on the game. Each returns BROGUE_STATUS_OK when it took effect. */
    /* Takes amount hit points from whoever stands on cell; kills at 0. */
    brogue_status (*damage)(brogue_game *game, brogue_point cell, int32_t amount);
    /* Gives amount hit points, up to the maximum, to whoever stands on cell. */
    brogue_status (*heal)(brogue_game *game, brogue_point cell, int32_t amount);
    /* Sets a BROGUE_STATUS_* on whoever stands on cell to at least turns. */
    brogue_status (*apply_status)(brogue_game *game, brogue_point cell, brogue_status_kind status, int32_t turns);
    /* Puts a hunting monster of kind monster_id (a content id, UTF-8) on cell, if it is open floor. */
    brogue_status (*spawn_monster)(brogue_game *game, const char *monster_id, brogue_point cell);
    /* Adds a line to the player's message log (UTF-8, copied). */
    void (*message)(brogue_game *game, const char *text, brogue_message_kind kind);

    /* ABI 1.1: for generator stages, on the level being built. */
    int32_t (*level_depth)(const brogue_level *level);                             /* 1 is the first level */
    uint32_t (*level_terrain_flags)(const brogue_level *level, brogue_point cell); /* BROGUE_TERRAIN_* bits */
    /* Places terrain terrain_id (a content id, UTF-8) on its own layer at cell; an error for an
       unknown id or a cell on the map's rim or off it. */
    brogue_status (*level_set_terrain)(brogue_level *level, brogue_point cell, const char *terrain_id);
    /* A uniform draw in [0, bound) from the level's own random stream (depth N is the same level
       whatever happened above it). bound <= 0 returns 0. */
    int32_t (*level_random_below)(brogue_level *level, int32_t bound);

    /* ABI 1.2: placing items. */
    /* Puts an item of kind item_id (a content id, UTF-8) on cell of the current level, its
       quantity and enchantment rolled from the game's stream as the dungeon rolls them; an error
       for an unknown id, a cell off the map, or a cell that is not open floor (walls, hazards). */
    brogue_status (*place_item)(brogue_game *game, const char *item_id, brogue_point cell);

    /* ABI 1.3: where things are, and moving creatures. */
    /* Fills *info (set info->size first) with the cell's terrain on each layer and who stands
       there; false for a cell off the map (info untouched). */
    bool (*cell_info)(const brogue_game *game, brogue_point cell, brogue_cell_info *info);
    /* The nearest cell to from, at most max_distance king moves away (ties by row, then column),
       that is open floor (no wall, no hazard) with no creature on it, and, when terrain_id is not
       NULL, has that terrain (a content id, UTF-8) on one of its layers. Writes it to *out and
       returns true; false when there is none or terrain_id names no terrain. */
    bool (*nearest_free_cell)(const brogue_game *game, brogue_point from, const char *terrain_id, int32_t max_distance, brogue_point *out);
    /* Where the creatures within radius king moves of center stand (the player included), nearest
       first, ties by row, then column: writes at most capacity cells and returns how many there
       are (which may be more than capacity). */
    int32_t (*creatures_in_radius)(const brogue_game *game, brogue_point center, int32_t radius, brogue_point *cells, int32_t capacity);
    /* Moves whoever stands on from to to at once (a teleport: no turn taken, nothing on the way
       triggered), if to is open floor with no one on it. */
    brogue_status (*move_creature)(brogue_game *game, brogue_point from, brogue_point to);

    /* ABI 1.4 and later add entries here, and only here. */
} brogue_host_api;

/* What a monster wants to do this turn, written by a behaviour. */
typedef int32_t brogue_intent_kind;
#define BROGUE_INTENT_DEFAULT 0 /* let the built-in AI decide */
#define BROGUE_INTENT_WAIT 1    /* spend the turn in place */
#define BROGUE_INTENT_MOVE 2    /* step towards target */
#define BROGUE_INTENT_ATTACK 3  /* attack whoever stands on target */
#define BROGUE_INTENT_FLEE 4    /* ABI 1.1: start fleeing; the built-in AI runs away (target ignored) */

typedef struct brogue_intent {
    size_t size;             /* set by the host before the call; the plugin writes only fields that fit */
    brogue_intent_kind kind; /* BROGUE_INTENT_*; the host fills BROGUE_INTENT_DEFAULT before the call */
    brogue_point target;     /* the cell the intent is about (ignored for DEFAULT and WAIT) */
} brogue_intent;

/* A monster behaviour, called on the monster's turn. Referred to from YAML as <plugin-id>.<name>. */
typedef struct brogue_monster_behavior {
    size_t size;      /* sizeof(brogue_monster_behavior) as the plugin compiled it */
    const char *name; /* [a-z0-9-]+, unique within the plugin; the host copies it */
    /* Decide the monster's intent. monster is where the acting monster stands. Return
       BROGUE_STATUS_OK, or an error to fall back to the built-in AI. */
    brogue_status (*act)(const brogue_host_api *host, brogue_game *game, brogue_point monster, brogue_intent *intent);
} brogue_monster_behavior;

/* An item effect, called when an item whose YAML names it is used. */
typedef struct brogue_item_effect {
    size_t size;      /* sizeof(brogue_item_effect) as the plugin compiled it */
    const char *name; /* [a-z0-9-]+, unique within the plugin; the host copies it */
    /* Apply the effect at target with the item's power. Return BROGUE_STATUS_OK if it took effect. */
    brogue_status (*apply)(const brogue_host_api *host, brogue_game *game, brogue_point target, int32_t power);
} brogue_item_effect;

/* Events a hook may subscribe to. */
typedef int32_t brogue_event_kind;
#define BROGUE_EVENT_TURN 1          /* once per player turn; where = the player */
#define BROGUE_EVENT_DEATH 2         /* a creature died; where = its cell */
#define BROGUE_EVENT_LEVEL_ENTERED 3 /* the player arrived on a level; where = the player */

/* An event hook: called after the host has applied the event. */
typedef struct brogue_event_hook {
    size_t size;             /* sizeof(brogue_event_hook) as the plugin compiled it */
    const char *name;        /* [a-z0-9-]+, unique within the plugin; the host copies it */
    brogue_event_kind event; /* which BROGUE_EVENT_* this hook is called for */
    void (*on_event)(const brogue_host_api *host, brogue_game *game, brogue_event_kind event, brogue_point where);
} brogue_event_hook;

/* A level generator stage (ABI 1.1), run after the built-in stages and before light, on every
   level generated. Referred to as <plugin-id>.<name>. */
typedef struct brogue_generator_stage {
    size_t size;      /* sizeof(brogue_generator_stage) as the plugin compiled it */
    const char *name; /* [a-z0-9-]+, unique within the plugin; the host copies it */
    /* Change the level; draw random numbers only with host->level_random_below. */
    void (*run)(const brogue_host_api *host, brogue_level *level, int32_t depth);
} brogue_generator_stage;

/*
 * How a plugin registers what it provides, during brogue_plugin_init only (the registrar is
 * invalid afterwards). Each call copies what the host needs; the struct passed may live on the
 * stack. A call returns BROGUE_STATUS_ERROR when the registration is refused (name clash, struct
 * too small, NULL callback); the host then refuses the whole plugin, whatever init returns.
 */
typedef struct brogue_registrar {
    size_t size;                   /* sizeof(brogue_registrar) as the host compiled it */
    brogue_registrar_state *state; /* pass back unchanged as the first argument */
    brogue_status (*register_monster_behavior)(brogue_registrar_state *state, const brogue_monster_behavior *behavior);
    brogue_status (*register_item_effect)(brogue_registrar_state *state, const brogue_item_effect *effect);
    brogue_status (*register_event_hook)(brogue_registrar_state *state, const brogue_event_hook *hook);
    /* ABI 1.1: check registrar->size >= offsetof(brogue_registrar, register_generator_stage) + sizeof(void *) first. */
    brogue_status (*register_generator_stage)(brogue_registrar_state *state, const brogue_generator_stage *stage);
    /* Later minors add entries here, and only here. */
} brogue_registrar;

/* The two functions every native plugin exports (with exactly these names). The host calls
   brogue_plugin_abi first and nothing else if the version does not fit, then brogue_plugin_init
   once. On failure init writes a NUL-terminated UTF-8 reason into error (at most error_len bytes,
   terminator included) and returns non-zero. */
BROGUE_PLUGIN_EXPORT brogue_abi_version brogue_plugin_abi(void);
BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init(const brogue_host_api *host, brogue_registrar *registrar, char *error, size_t error_len);

/* The same two functions as pointer types, for hosts that look them up with dlsym. */
typedef brogue_abi_version (*brogue_plugin_abi_fn)(void);
typedef brogue_status (*brogue_plugin_init_fn)(const brogue_host_api *host, brogue_registrar *registrar, char *error, size_t error_len);

#ifdef __cplusplus
}
#endif

#endif /* BROGUE_PLUGIN_H */
