# case: a kprobe caller uses all 512 bytes of stack; the callee spills r1 around bpf_get_smp_processor_id only, a bpf_fastcall pattern the kernel removes (remove_fastcall_spills_fills, Linux 6.12), so the callee's frame is 0 bytes and the chain fits ("stack depth 512+0")
# requires: no-private-stack
# kernel: accept
# expect: pass
        .section kprobe/do_nanosleep,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r1 = 42
        *(u64 *)(r10 - 512) = r1
        call sub
        exit
        .size   prog, .-prog

        .text
        .type   sub,@function
sub:
        *(u64 *)(r10 - 8) = r1
        call 8
        r1 = *(u64 *)(r10 - 8)
        exit
        .size   sub, .-sub

        .section license,"aw"
        .asciz  "GPL"
