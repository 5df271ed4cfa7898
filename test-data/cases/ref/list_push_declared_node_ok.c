// case: a node from bpf_obj_new is pushed to a bpf_list_head declared __contains(foo, node2) through node2 itself, the member and offset the declaration names, under the head's lock
// kernel: accept
// expect: pass
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
// Makes struct foo part of the object's BTF, so the head's __contains resolves.
struct foo *foo_btf_anchor;
private(A) struct bpf_spin_lock lock;
private(A) struct bpf_list_head head __contains(foo, node2);
SEC("tc")
int push_declared_node(void *ctx)
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
