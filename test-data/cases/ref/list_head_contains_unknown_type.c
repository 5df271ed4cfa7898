// case: a bpf_list_head declared __contains(bar, node) where the object's BTF has no struct bar: the kernel cannot parse the root (btf_parse_graph_root), refuses the map's BTF, and libbpf creates the global-data map again without BTF, so it has no special fields and bpf_spin_lock finds no lock in it ("map '.data.A' has no valid bpf_spin_lock")
// kernel: reject
// expect: helper.arg_type @ line 31
// expect: helper.arg_type @ line 33
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
#define private(name) SEC(".data." #name) __attribute__((visibility("hidden"), aligned(8)))
struct bpf_list_head { __u64 __opaque[2]; } __attribute__((aligned(8)));
struct bpf_list_node { __u64 __opaque[3]; } __attribute__((aligned(8)));
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern int bpf_list_push_front_impl(struct bpf_list_head *head, struct bpf_list_node *node, void *meta, __u64 off) __ksym;
static void (*bpf_spin_lock)(struct bpf_spin_lock *lock) = (void *)93;
static void (*bpf_spin_unlock)(struct bpf_spin_lock *lock) = (void *)94;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(__builtin_btf_type_id(*(type *)0, 0), 0))
#define bpf_list_push_front(head, node) bpf_list_push_front_impl(head, node, 0, 0)
struct foo {
    long data;
    struct bpf_list_node node1;
    struct bpf_list_node node2;
};
private(A) struct bpf_spin_lock lock;
private(A) struct bpf_list_head head __contains(bar, node);
SEC("tc")
int push_to_undeclared_type(void *ctx)
{
    struct foo *f = bpf_obj_new(struct foo);
    if (!f)
        return 0;
    bpf_spin_lock(&lock);
    bpf_list_push_front(&head, &f->node2);
    bpf_spin_unlock(&lock);
    return 0;
}
char _license[] SEC("license") = "GPL";
