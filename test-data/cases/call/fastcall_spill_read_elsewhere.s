# case: the same chain, but the callee also reads the spill slot outside the pattern: check_fastcall_stack_contract cancels the rewrite, the callee keeps its 8 bytes and the chain needs 528 ("combined stack size of 2 calls is 528")
# requires: no-private-stack
# kernel: reject
# expect: call.stack_depth @ insn 2
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
        r0 = *(u64 *)(r10 - 8)
        exit
        .size   sub, .-sub

        .section license,"aw"
        .asciz  "GPL"
