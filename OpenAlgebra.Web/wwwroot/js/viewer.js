// The viewer's input, which the browser must see first: wheel and shortcut keys without scrolling the page, pointer
// positions in image pixels under any zoom and pan, and a brush stroke drawn while it is painted. The circuit keeps the
// state (ViewerState); calls to it are coalesced so that a fast wheel or drag never queues more than one call behind.

const shortcutKeys = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', '1', '2', '3', '4', '5',
    '+', '=', '-', '0', 'a', 'c', 's', 'A', 'C', 'S']);

// One call in flight per method; what arrives meanwhile is merged into the next call (or replaces it, without merge).
function channel(dotnet, method, merge) {
    let inFlight = false;
    let pending = null;
    const flush = async () => {
        if (inFlight || pending === null) {
            return;
        }
        const args = pending;
        pending = null;
        inFlight = true;
        try {
            await dotnet.invokeMethodAsync(method, ...args);
        } catch {
            // The circuit is gone or reconnecting: Blazor's reconnect dialog says so, and the input is moot.
        } finally {
            inFlight = false;
            flush();
        }
    };
    return (...args) => {
        pending = pending !== null && merge ? merge(pending, args) : args;
        flush();
    };
}

const add = (a, b) => a.map((v, n) => v + b[n]);

export function attach(viewport, dotnet) {
    const slice = () => viewport.querySelector('[data-role=slice]');
    const canvas = () => viewport.querySelector('[data-role=seeds]');
    const keys = channel(dotnet, 'OnKeys', (a, b) => [a[0].concat(b[0])]);
    const scroll = channel(dotnet, 'OnScroll', add);
    const windowDrag = channel(dotnet, 'OnWindowDrag', add);
    const pan = channel(dotnet, 'OnPan', add);
    const zoom = channel(dotnet, 'OnZoom', (a, b) => [a[0] * b[0]]);
    const hover = channel(dotnet, 'OnHover');
    const prefetched = new Map();
    let tool = 'window';
    let brush = { color: '#ff0000', radius: 2 };
    let drag = null;
    let stroke = null;

    // Image pixel under the pointer; the slice element is laid out at the image's physical aspect, so this holds for
    // non-square pixels and under the stage's zoom and pan.
    const pixel = (e) => {
        const img = slice();
        const rect = img.getBoundingClientRect();
        return [(e.clientX - rect.left) * Number(img.dataset.width) / rect.width,
            (e.clientY - rect.top) * Number(img.dataset.height) / rect.height];
    };

    const dab = (x, y) => {
        const context = canvas().getContext('2d');
        context.fillStyle = brush.color;
        context.globalAlpha = 0.6;
        context.beginPath();
        context.arc(Math.floor(x) + 0.5, Math.floor(y) + 0.5, brush.radius + 0.5, 0, 2 * Math.PI);
        context.fill();
        context.globalAlpha = 1;
    };

    const onKeyDown = (e) => {
        const undo = (e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'Z');
        if (!undo && (e.ctrlKey || e.metaKey || e.altKey || !shortcutKeys.has(e.key))) {
            return;
        }
        e.preventDefault();
        keys([undo ? 'Undo' : e.key]);
    };

    const onWheel = (e) => {
        e.preventDefault();
        if (e.ctrlKey) {
            zoom(Math.exp(-e.deltaY / 500));
        } else if (e.deltaY !== 0) {
            scroll(Math.sign(e.deltaY));
        }
    };

    const onPointerDown = (e) => {
        viewport.focus();
        const action = e.button === 1 ? 'pan' : e.button === 2 ? 'window' : tool;
        viewport.setPointerCapture(e.pointerId);
        e.preventDefault();
        if (action === 'paint') {
            const [x, y] = pixel(e);
            stroke = [x, y];
            dab(x, y);
        } else {
            drag = { action, x: e.clientX, y: e.clientY };
        }
    };

    const onPointerMove = (e) => {
        if (stroke) {
            const [x, y] = pixel(e);
            stroke.push(x, y);
            dab(x, y);
        } else if (drag) {
            const dx = e.clientX - drag.x;
            const dy = e.clientY - drag.y;
            drag.x = e.clientX;
            drag.y = e.clientY;
            if (drag.action === 'window') {
                windowDrag(dx, dy);
            } else if (drag.action === 'pan') {
                pan(dx, dy);
            } else if (drag.action === 'zoom') {
                zoom(Math.exp(-dy / 200));
            }
        } else {
            const [x, y] = pixel(e);
            hover(Math.floor(x), Math.floor(y));
        }
    };

    const onPointerUp = () => {
        if (stroke) {
            const points = stroke;
            stroke = null;
            dotnet.invokeMethodAsync('OnStroke', points).catch(() => { /* circuit gone: the stroke is lost with it */ });
        }
        drag = null;
    };

    const onPointerLeave = () => {
        if (!stroke && !drag) {
            hover(-1, -1);
        }
    };

    const onContextMenu = (e) => e.preventDefault();

    viewport.addEventListener('keydown', onKeyDown);
    viewport.addEventListener('wheel', onWheel, { passive: false });
    viewport.addEventListener('pointerdown', onPointerDown);
    viewport.addEventListener('pointermove', onPointerMove);
    viewport.addEventListener('pointerup', onPointerUp);
    viewport.addEventListener('pointercancel', onPointerUp);
    viewport.addEventListener('pointerleave', onPointerLeave);
    viewport.addEventListener('contextmenu', onContextMenu);
    // Keys and pointer gestures reach the server only from here on; a page (or a test) can wait for this mark.
    viewport.dataset.input = 'attached';

    return {
        setTool(name, color, radius) {
            tool = name;
            brush = { color, radius };
        },
        // Triplets x, y, label of the seeds on the shown slice, in image pixels.
        drawSeeds(points, colors) {
            const target = canvas();
            const context = target.getContext('2d');
            context.clearRect(0, 0, target.width, target.height);
            for (let n = 0; n < points.length; n += 3) {
                context.fillStyle = colors[points[n + 2]];
                context.fillRect(points[n], points[n + 1], 1, 1);
            }
        },
        // Slices the next scroll will want, fetched into the browser's cache (the endpoint allows private caching).
        prefetch(urls) {
            for (const url of urls) {
                if (!prefetched.has(url)) {
                    if (prefetched.size >= 1024) {
                        prefetched.delete(prefetched.keys().next().value);
                    }
                    const image = new Image();
                    image.src = url;
                    prefetched.set(url, image);
                }
            }
        },
        dispose() {
            viewport.removeEventListener('keydown', onKeyDown);
            viewport.removeEventListener('wheel', onWheel);
            viewport.removeEventListener('pointerdown', onPointerDown);
            viewport.removeEventListener('pointermove', onPointerMove);
            viewport.removeEventListener('pointerup', onPointerUp);
            viewport.removeEventListener('pointercancel', onPointerUp);
            viewport.removeEventListener('pointerleave', onPointerLeave);
            viewport.removeEventListener('contextmenu', onContextMenu);
            delete viewport.dataset.input;
        },
    };
}
