# case: the callee touches r10-400 on one path only (skb->len odd); with the caller's 192 bytes the chain needs 592
# kernel: reject
# expect: call.stack_depth @ insn 3
        .section tc,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r2 = *(u32 *)(r1 + 0)
        *(u64 *)(r10 - 192) = r2
        r1 = r2
        call mark
        r0 = 0
        exit
        .size   prog, .-prog

        .text
        .type   mark,@function
mark:
        if r1 & 1 goto skip
        *(u8 *)(r10 - 400) = w1
skip:
        r0 = 0
        exit
        .size   mark, .-mark

        .section license,"aw"
        .asciz  "GPL"
