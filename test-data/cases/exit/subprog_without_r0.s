# case: a bpf-to-bpf callee returns without setting R0; the caller then reads the undefined result (the kernel, too, reports the read in the caller)
# kernel: reject
# expect: uninit.register @ insn 2
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r6 = r1
        call helper_fn
        r0 &= 3
        exit
        .size   prog, .-prog

        .text
        .type   helper_fn,@function
helper_fn:
        r1 = 0
        exit
        .size   helper_fn, .-helper_fn

        .section license,"aw"
        .asciz  "GPL"
