// case: XDP-Firewall's rule loop unrolled (gamemann/XDP-Firewall, USE_NEW_LOOP off): the IPv6 header pointer, spilled, is NULL on IPv4 frames and a checked packet pointer on the others; six diamonds later (64 paths, past the 32 parts a program point keeps) clang tests the saved ethertype again instead of the pointer and reads through it. The kernel walks each path: the read is only reached with the packet pointer. The fold never joins the slot's NULL with the packet pointer while other parts can join, so the read sees the packet pointer only
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
__attribute__((naked)) int corr_null_ptr_k(void)
{
	asm volatile (
	"r6 = *(u32 *)(r1 + 0);"
	"r7 = *(u32 *)(r1 + 4);"
	"r2 = r6;"
	"r2 += 14;"
	"if r2 > r7 goto l_out%=;"
	"r9 = *(u16 *)(r6 + 12);"
	"r8 = 0;"
	"if r9 == 8 goto l_join%=;"
	"r8 = r6;"
	"r8 += 14;"
	"r2 = r8;"
	"r2 += 40;"
	"if r2 > r7 goto l_out%=;"
"l_join%=:"
	"*(u64 *)(r10 - 8) = r8;"
	"r7 = 0;"
	"call %[bpf_get_prandom_u32];"
	"if r0 == 0 goto l_a1%=;"
	"r7 += 1;"
"l_a1%=:"
	"call %[bpf_get_prandom_u32];"
	"if r0 == 0 goto l_a2%=;"
	"r7 += 2;"
"l_a2%=:"
	"call %[bpf_get_prandom_u32];"
	"if r0 == 0 goto l_a3%=;"
	"r7 += 3;"
"l_a3%=:"
	"call %[bpf_get_prandom_u32];"
	"if r0 == 0 goto l_a4%=;"
	"r7 += 4;"
"l_a4%=:"
	"call %[bpf_get_prandom_u32];"
	"if r0 == 0 goto l_a5%=;"
	"r7 += 5;"
"l_a5%=:"
	"call %[bpf_get_prandom_u32];"
	"if r0 == 0 goto l_a6%=;"
	"r7 += 6;"
"l_a6%=:"
	"*(u64 *)(r10 - 16) = r7;"
	"if r9 == 8 goto l_out%=;"
	"r3 = *(u64 *)(r10 - 8);"
	"r0 = *(u32 *)(r3 + 8);"
"l_out%=:"
	"r0 = 2;"
	"exit;"
	:
	: [bpf_get_prandom_u32] "i"(BPF_FUNC_get_prandom_u32)
	: "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "memory");
}

char _license[] SEC("license") = "GPL";
