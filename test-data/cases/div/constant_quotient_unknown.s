# case: the kernel keeps no bounds through a division, even of constants (`r0 = 8; r0 /= 2` gives R0=scalar()), so it explores the branch where r0 != 4 and finds r9 read uninitialised; bpfcheck predicts that verdict
# kernel: reject
# expect: uninit.register @ insn 3
        .section socket,"ax"
prog:
        r0 = 8
        r0 /= 2
        if r0 == 4 goto ok
        r0 = *(u64 *)(r9 + 0)
ok:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
