// case: a node from bpf_obj_new is added to an rbtree at a variable offset inside its object (the node's address plus a number read from the context): check_kfunc_args refuses a BTF pointer argument whose offset is not constant (check_func_arg_reg_off, __check_ptr_off_reg: "variable ptr_ access var_off=... disallowed")
// kernel: reject
// expect: helper.arg_type @ line 41
#include <linux/bpf.h>
#include <stdbool.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
#define private(name) SEC(".data." #name) __attribute__((visibility("hidden"), aligned(8)))
#define container_of(ptr, type, member) ((type *)((void *)(ptr) - __builtin_offsetof(type, member)))
struct bpf_rb_root { __u64 __opaque[2]; } __attribute__((aligned(8)));
struct bpf_rb_node { __u64 __opaque[4]; } __attribute__((aligned(8)));
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
extern int bpf_rbtree_add_impl(struct bpf_rb_root *root, struct bpf_rb_node *node,
                               bool (*less)(struct bpf_rb_node *a, const struct bpf_rb_node *b), void *meta,
                               __u64 off) __ksym;
extern struct bpf_rb_node *bpf_rbtree_first(struct bpf_rb_root *root) __ksym;
extern struct bpf_rb_node *bpf_rbtree_remove(struct bpf_rb_root *root, struct bpf_rb_node *node) __ksym;
static void (*bpf_spin_lock)(struct bpf_spin_lock *lock) = (void *)93;
static void (*bpf_spin_unlock)(struct bpf_spin_lock *lock) = (void *)94;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(__builtin_btf_type_id(*(type *)0, 0), 0))
#define bpf_obj_drop(p) bpf_obj_drop_impl(p, 0)
#define bpf_rbtree_add(root, node, less) bpf_rbtree_add_impl(root, node, less, 0, 0)
struct node { long key; struct bpf_rb_node rb; };
// Makes struct node part of the object's BTF, so the root's __contains resolves.
struct node *node_btf_anchor;
private(A) struct bpf_spin_lock lock;
private(A) struct bpf_rb_root root __contains(node, rb);
static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
    return container_of(a, struct node, rb)->key < container_of(b, struct node, rb)->key;
}
SEC("tc")
int add_at_variable_offset(struct __sk_buff *ctx)
{
    struct node *n = bpf_obj_new(struct node);
    if (!n)
        return 0;
    bpf_spin_lock(&lock);
    bpf_rbtree_add(&root, (void *)&n->rb + ctx->protocol, less);
    bpf_spin_unlock(&lock);
    return 0;
}
char _license[] SEC("license") = "GPL";
