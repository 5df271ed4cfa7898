# case: nested_shared_counter_continue with the inner loop's exit at i + 1 == 0, which a counter rising from 1 never meets (short of wrapping): the inner loop is not bounded, so neither is the outer one, whose counter it moves; the kernel walks the inner loop until the write passes the array (off=800)
# kernel: reject
# expect: map.bounds @ insn 6
# expect: map.bounds @ insn 13
# expect: loop.unbounded @ insn 17
# expect: map.bounds @ insn 20
# expect: loop.unbounded @ insn 22
        .section "kprobe/do_nothing","ax"
        .globl  prog
        .type   prog,@function
prog:
        r6 = r1
        r2 = 0
head:
        r1 = r2
        r1 <<= 3
        r7 = arr ll
        r7 += r1
        r2 += 1
inner:
        *(u64 *)(r10 - 64) = r2
        call 7
        r0 &= 1
        if r0 == 0 goto skip
        r1 = 0
        *(u64 *)(r7 + 0) = r1
        r7 += 8
        r2 = *(u64 *)(r10 - 64)
        r2 += 1
        if r2 == 0 goto out
        goto inner
skip:
        r1 = 0
        *(u64 *)(r7 + 0) = r1
        r2 = *(u64 *)(r10 - 64)
        if r2 == 100 goto out
        goto head
out:
        r0 = 0
        exit
        .size   prog, .-prog

        .section .bss,"aw",@nobits
        .globl  arr
        .p2align 3
arr:
        .zero 800
        .section license,"aw"
        .ascii  "GPL\0"
