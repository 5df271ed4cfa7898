// case: a timer callback returns 1: timer callbacks run asynchronously and must return 0
// kernel: reject
// expect: exit.return_range @ line 15
//
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_timer_init)(struct bpf_timer *timer, void *map, __u64 flags) = (void *)169;
static long (*bpf_timer_set_callback)(struct bpf_timer *timer, void *callback_fn) = (void *)170;
static long (*bpf_timer_start)(struct bpf_timer *timer, __u64 nsecs, __u64 flags) = (void *)171;
struct elem { struct bpf_timer t; __u64 fired; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct elem); } timers SEC(".maps");
static int fire(void *map, __u32 *key, struct elem *val) { val->fired++; return 1; }
SEC("tc")
int tc_timer(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct elem *e = bpf_map_lookup_elem(&timers, &zero);
    if (!e) return 0;
    bpf_timer_init(&e->t, &timers, 1);
    bpf_timer_set_callback(&e->t, fire);
    bpf_timer_start(&e->t, 1000, 0);
    return 0;
}
char _license[] SEC("license") = "GPL";
