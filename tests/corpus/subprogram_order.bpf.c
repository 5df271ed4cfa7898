// Linking order of subprograms, for the corpus_linking_order test. libbpf
// (bpf_object__reloc_code) appends a subprogram when an instruction first
// reaches it and links that subprogram at once, depth first, before the rest
// of its caller: `entry` links as entry, cb, c, a, g, d (cb is reached by its
// address, c from cb, g is global, d calls g), and `other` as other, d, g.
// Built with clang -target bpf; needs no headers.
#define SEC(name) __attribute__((section(name), used))
#define NOINLINE __attribute__((noinline))

static long (*bpf_loop)(unsigned int nr, void* fn, void* ctx, unsigned long flags) = (void*)181;

static NOINLINE int c(int x) {
    return x * 3;
}
static NOINLINE int a(int x) {
    return c(x) + 1;
}
NOINLINE int g(int x) {
    return x ^ 7;
}
static int cb(unsigned int i, void* ctx) {
    *(int*)ctx += c((int)i);
    return 0;
}
static NOINLINE int d(int x) {
    return g(x) - 1;
}

SEC("xdp") int entry(void* ctx) {
    int v = (int)(long)ctx;
    bpf_loop(4, cb, &v, 0);
    return a(v) + g(v) + d(v);
}

SEC("tc") int other(void* ctx) {
    return d((int)(long)ctx) + g(1);
}

char _license[] SEC("license") = "GPL";
