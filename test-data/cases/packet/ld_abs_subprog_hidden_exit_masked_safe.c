// case: a socket filter's static subprogram reads a byte with LD_ABS (load_byte) and returns 1..8; the caller indexes an 8-byte map value with (8 - n) & 7, which stays inside the value also for the 0 of the subprogram's hidden exit (a load past the packet's end; ld_abs_subprog_hidden_exit.c indexes with 8 - n)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");

struct {
    int (*type)[BPF_MAP_TYPE_ARRAY];
    int (*max_entries)[1];
    __u32 *key;
    char (*value)[8];
} table SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

static __attribute__((noinline)) int header_words(struct __sk_buff *skb)
{
    return (int)(load_byte(skb, 14) & 0x7) + 1;
}

SEC("socket")
int filter(struct __sk_buff *skb)
{
    __u32 key = 0;
    char *row = bpf_map_lookup_elem(&table, &key);
    if (!row)
        return 0;
    int n = header_words(skb);
    return row[(8 - n) & 7];
}

char LICENSE[] SEC("license") = "GPL";
