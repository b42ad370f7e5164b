/*
 * example_c: a native Brogue plugin in C, built outside SwiftPM against brogue_plugin.h only.
 *
 *   cc -shared -fPIC -I <brogue>/Sources/CBroguePlugin/include \
 *      -o libexample_c.so Plugins/ExampleC/Sources/example_c.c
 *
 * Registers the monster behaviour "skittish" (flee when the player is adjacent, otherwise
 * default AI), the item effect "brew" (heals the drinker by the brew's strength and logs it),
 * the generator stage "flooded-ruins" (ABI 1.1: a pool of shallow water in every level), and
 * exports alchemy_brew_strength for content to call through `natives:`.
 */
#include <brogue_plugin.h>
#include <stdio.h>

BROGUE_PLUGIN_EXPORT brogue_abi_version brogue_plugin_abi(void) {
    brogue_abi_version v = {BROGUE_PLUGIN_ABI_MAJOR, BROGUE_PLUGIN_ABI_MINOR};
    return v;
}

/* Steps away from the player when adjacent to them, choosing among equally good cells with
   the game's own random stream so that games replay. */
static brogue_status skittish_act(const brogue_host_api *host, brogue_game *game, brogue_point monster, brogue_intent *intent) {
    brogue_point player = host->player_position(game);
    int32_t dx = monster.x - player.x, dy = monster.y - player.y;
    if (dx < -1 || dx > 1 || dy < -1 || dy > 1) {
        intent->kind = BROGUE_INTENT_DEFAULT;
        return BROGUE_STATUS_OK;
    }
    brogue_point away = {monster.x + (dx > 0) - (dx < 0), monster.y + (dy > 0) - (dy < 0)};
    if (dx == 0) away.x += host->random_below(game, 3) - 1;
    if (dy == 0) away.y += host->random_below(game, 3) - 1;
    if (host->terrain_flags(game, away) & (BROGUE_TERRAIN_BLOCKS_MOVE | BROGUE_TERRAIN_OUT_OF_BOUNDS)) {
        intent->kind = BROGUE_INTENT_ATTACK; /* cornered */
        intent->target = player;
        return BROGUE_STATUS_OK;
    }
    intent->kind = BROGUE_INTENT_MOVE;
    intent->target = away;
    return BROGUE_STATUS_OK;
}

/* The strength of a brew found at a depth: deeper is stronger. Bound through libffi. */
BROGUE_PLUGIN_EXPORT int32_t alchemy_brew_strength(int32_t depth) {
    if (depth < 1) depth = 1;
    return 3 + 2 * depth;
}

static brogue_status brew_apply(const brogue_host_api *host, brogue_game *game, brogue_point target, int32_t power) {
    char line[128];
    snprintf(line, sizeof line, "a brew of strength %d bubbles at (%d, %d)",
             (int)(alchemy_brew_strength(host->depth(game)) + power), (int)target.x, (int)target.y);
    host->log(BROGUE_LOG_INFO, line);
    if (host->size >= offsetof(brogue_host_api, heal) + sizeof host->heal) {
        host->heal(game, target, alchemy_brew_strength(host->depth(game)) + power);
        host->message(game, "The brew fizzes warmly.", BROGUE_MESSAGE_GOOD);
    }
    return BROGUE_STATUS_OK;
}

/* Floods a square of open floor round a random cell with shallow water. Draws only from the
   level's own stream, so a seed builds the same level everywhere. */
static void flooded_ruins_run(const brogue_host_api *host, brogue_level *level, int32_t depth) {
    (void)depth;
    for (int tries = 0; tries < 50; tries++) {
        brogue_point c = {1 + host->level_random_below(level, 77), 1 + host->level_random_below(level, 27)};
        if (host->level_terrain_flags(level, c) & (BROGUE_TERRAIN_BLOCKS_MOVE | BROGUE_TERRAIN_LIQUID)) continue;
        int32_t r = 2 + host->level_random_below(level, 3);
        for (int32_t y = c.y - r; y <= c.y + r; y++) {
            for (int32_t x = c.x - r; x <= c.x + r; x++) {
                brogue_point p = {x, y};
                if (host->level_terrain_flags(level, p) & (BROGUE_TERRAIN_BLOCKS_MOVE | BROGUE_TERRAIN_LIQUID | BROGUE_TERRAIN_OUT_OF_BOUNDS)) continue;
                host->level_set_terrain(level, p, "shallow-water");
            }
        }
        return;
    }
}

BROGUE_PLUGIN_EXPORT brogue_status brogue_plugin_init(const brogue_host_api *host, brogue_registrar *registrar, char *error, size_t error_len) {
    if (host->abi_major != BROGUE_PLUGIN_ABI_MAJOR) {
        snprintf(error, error_len, "example_c needs plugin ABI %d.x, the host speaks %u.%u",
                 BROGUE_PLUGIN_ABI_MAJOR, host->abi_major, host->abi_minor);
        return BROGUE_STATUS_ERROR;
    }
    brogue_monster_behavior skittish = {sizeof skittish, "skittish", skittish_act};
    brogue_item_effect brew = {sizeof brew, "brew", brew_apply};
    if (registrar->register_monster_behavior(registrar->state, &skittish) != BROGUE_STATUS_OK ||
        registrar->register_item_effect(registrar->state, &brew) != BROGUE_STATUS_OK) {
        snprintf(error, error_len, "example_c: a registration was refused (see the host's message)");
        return BROGUE_STATUS_ERROR;
    }
    /* Generator stages came with ABI 1.1: register only where the host has the entry. */
    if (registrar->size >= offsetof(brogue_registrar, register_generator_stage) + sizeof registrar->register_generator_stage &&
        host->size >= offsetof(brogue_host_api, level_random_below) + sizeof host->level_random_below) {
        brogue_generator_stage flood = {sizeof flood, "flooded-ruins", flooded_ruins_run};
        if (registrar->register_generator_stage(registrar->state, &flood) != BROGUE_STATUS_OK) {
            snprintf(error, error_len, "example_c: the generator stage was refused");
            return BROGUE_STATUS_ERROR;
        }
    }
    host->log(BROGUE_LOG_DEBUG, "example_c ready");
    return BROGUE_STATUS_OK;
}
