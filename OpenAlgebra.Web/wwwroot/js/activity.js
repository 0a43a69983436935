// Reports user input to the circuit (at most once per throttle period) so the server knows the person is still there.
window.openAlgebraActivity = {
    track(dotnet, throttleMs) {
        let last = 0;
        const report = () => {
            const now = Date.now();
            if (now - last >= throttleMs) {
                last = now;
                dotnet.invokeMethodAsync('ReportActivity').catch(() => { /* circuit gone: the next page load re-checks */ });
            }
        };
        for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll']) {
            window.addEventListener(type, report, { passive: true, capture: true });
        }
    }
};
