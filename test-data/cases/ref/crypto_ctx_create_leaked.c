// case: a syscall program creates a crypto context with bpf_crypto_ctx_create (crypt_init_kfunc_set: KF_ACQUIRE | KF_RET_NULL) and exits without releasing it: the reference leaks
// kernel: reject
// requires: kernel-btf
// expect: ref.leak @ line 28
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct bpf_crypto_params { char type[14]; __u8 reserved[2]; char algo[128]; __u8 key[256]; __u32 key_len; __u32 authsize; };
struct bpf_crypto_ctx { int unused; };
extern struct bpf_crypto_ctx *bpf_crypto_ctx_create(const struct bpf_crypto_params *params, __u32 params__sz,
                                                    int *err) __ksym;
extern void bpf_crypto_ctx_release(struct bpf_crypto_ctx *ctx) __ksym;

int status;

SEC("syscall")
int crypto_leak(void *args)
{
    struct bpf_crypto_params params = { .type = "skcipher", .algo = "ecb(aes)", .key_len = 16 };
    int err = 0;
    struct bpf_crypto_ctx *cctx = bpf_crypto_ctx_create(&params, sizeof(params), &err);
    if (!cctx) {
        status = err;
        return 0;
    }
    status = 1;
    return 0;
}
char _license[] SEC("license") = "GPL";
