// case: map_in_map_joined_outer_maps with one of the twelve maps a plain array (outer21): on the paths that choose it, the first lookup yields a map value, which the second lookup refuses as a map argument (the kernel: R1 type=map_value expected=map_ptr); the reads through its result are then reported too (a map value taken for a map yields memory of size 0 on those paths)
// kernel: reject
// expect: helper.arg_type @ line 22
// expect: map.bounds @ line 24
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static unsigned int (*bpf_get_prandom_u32)(void) = (void *)7;
struct inner_map { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); };
#define OUTER(n) struct { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS); __uint(max_entries, 1); __type(key, __u32); __array(values, struct inner_map); } outer##n SEC(".maps");
OUTER(10) OUTER(11) OUTER(12) OUTER(13) OUTER(14) OUTER(15) OUTER(16) OUTER(17) OUTER(18) OUTER(19) OUTER(20)
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } outer21 SEC(".maps");
static __attribute__((always_inline)) void count(void *outer)
{
    __u32 zero = 0;
    void *inner = bpf_map_lookup_elem(outer, &zero);
    if (!inner)
        return;
    __u64 *v = bpf_map_lookup_elem(inner, &zero);
    if (v)
        *v += 1;
}
SEC("kprobe/do_nothing")
int count_in_chosen_maps(void *ctx)
{
    void *m1 = bpf_get_prandom_u32() & 1 ? (void *)&outer10 : (void *)&outer11;
    void *m2 = bpf_get_prandom_u32() & 1 ? (void *)&outer12 : (void *)&outer13;
    void *m3 = bpf_get_prandom_u32() & 1 ? (void *)&outer14 : (void *)&outer15;
    void *m4 = bpf_get_prandom_u32() & 1 ? (void *)&outer16 : (void *)&outer17;
    void *m5 = bpf_get_prandom_u32() & 1 ? (void *)&outer18 : (void *)&outer19;
    void *m6 = bpf_get_prandom_u32() & 1 ? (void *)&outer20 : (void *)&outer21;
    count(m1);
    count(m2);
    count(m3);
    count(m4);
    count(m5);
    count(m6);
    return 0;
}
char _license[] SEC("license") = "GPL";
