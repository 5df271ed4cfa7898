// case: six map-of-maps pointers, each chosen between two outer maps, then looked up in turn (opentelemetry-ebpf-profiler's get_stack_delta_map, one of 16 outer maps per unwound frame): 64 combinations reach the lookups, more than the 32 parts a program point keeps, so two outer maps are joined into one pointer on some part; the kernel walks each path with its own outer maps, each lookup yielding that map's inner map. A lookup through the joined pointer yields the joined inner maps, a valid map for the second lookup
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static unsigned int (*bpf_get_prandom_u32)(void) = (void *)7;
struct inner_map { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); };
#define OUTER(n) struct { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS); __uint(max_entries, 1); __type(key, __u32); __array(values, struct inner_map); } outer##n SEC(".maps");
OUTER(10) OUTER(11) OUTER(12) OUTER(13) OUTER(14) OUTER(15) OUTER(16) OUTER(17) OUTER(18) OUTER(19) OUTER(20) OUTER(21)
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
