# case: a `for (i = 0; i < 100; i++)` loop with a `continue` that clang compiles into two nested loops sharing the counter (Elastic's path resolver, dentry_arr[i] = NULL; continue): the outer loop computes &arr[i] as arr + (i << 3), the inner one advances that pointer by 8 and the counter (spilled around a call) by 1; the exits are equality tests (i + 1 == 100, i + 2 == 101). The kernel walks every iteration with constant counters and accepts. The pointer's offset is bounded by the counter (off = 8 * i, made by the shift and the pointer addition, kept through the spill and the call); the outer loop's counter moves by 1 plus what the inner loop adds, at most its 100 iterations, a bounded step
# kernel: accept
# expect: pass
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
        if r2 == 101 goto out
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
