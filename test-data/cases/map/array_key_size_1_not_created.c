// case: a legacy `maps` section declares an array map with a 1-byte key (struct bpf_map_def, Suricata's global_bypass with `char key0`): array_map_alloc_check refuses any key but 4 bytes (EINVAL), and as libbpf creates every map before loading a program, no program of the object loads; the tool reports it at the program's first use of the map
// kernel: load-error
// expect: map.create @ line 24
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct bpf_map_def {
    unsigned int type;
    unsigned int key_size;
    unsigned int value_size;
    unsigned int max_entries;
    unsigned int map_flags;
};
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct bpf_map_def SEC("maps") global_bypass = {
    .type = BPF_MAP_TYPE_ARRAY,
    .key_size = sizeof(char),
    .value_size = sizeof(char),
    .max_entries = 1,
};
SEC("xdp")
int bypass_check(struct xdp_md *ctx)
{
    char key0 = 0;
    char *enabled = bpf_map_lookup_elem(&global_bypass, &key0);
    return enabled && *enabled ? XDP_PASS : XDP_DROP;
}
char _license[] SEC("license") = "GPL";
