// Compiles the header once as C and pins the 1.0 to 1.3 layouts: moving a field breaks every built plugin.
#include "brogue_plugin.h"

_Static_assert(offsetof(brogue_host_api, size) == 0, "size comes first");
_Static_assert(offsetof(brogue_monster_behavior, size) == 0, "size comes first");
_Static_assert(offsetof(brogue_item_effect, size) == 0, "size comes first");
_Static_assert(offsetof(brogue_event_hook, size) == 0, "size comes first");
_Static_assert(offsetof(brogue_registrar, size) == 0, "size comes first");
_Static_assert(offsetof(brogue_intent, size) == 0, "size comes first");
_Static_assert(sizeof(brogue_abi_version) == 8, "two uint32_t");
_Static_assert(sizeof(brogue_point) == 8, "two int32_t");
_Static_assert(offsetof(brogue_host_api, creature_at) == offsetof(brogue_host_api, terrain_flags) + sizeof(void *), "1.1 entries follow 1.0's");
_Static_assert(offsetof(brogue_registrar, register_generator_stage) == offsetof(brogue_registrar, register_event_hook) + sizeof(void *), "1.1 entries follow 1.0's");
_Static_assert(offsetof(brogue_host_api, place_item) == offsetof(brogue_host_api, level_random_below) + sizeof(void *), "1.2 entries follow 1.1's");
_Static_assert(offsetof(brogue_generator_stage, size) == 0, "size comes first");
_Static_assert(offsetof(brogue_creature_info, size) == 0, "size comes first");
_Static_assert(offsetof(brogue_host_api, cell_info) == offsetof(brogue_host_api, place_item) + sizeof(void *), "1.3 entries follow 1.2's");
_Static_assert(offsetof(brogue_host_api, move_creature) == offsetof(brogue_host_api, cell_info) + 3 * sizeof(void *), "1.3 entries in order");
_Static_assert(offsetof(brogue_cell_info, size) == 0, "size comes first");
