"""The footer every screen shows: how to quit and how to get help, whatever the width.

Textual's footer lists the focused widget's keys, then the screen's, then the app's, and
draws what does not fit past the right edge, under the command palette key: at 80 columns
Quit and Help were the keys that fell off. Here the app's own keys come first, the keys sit
closer together below COMPACT_BELOW columns, and a key that does not fit whole is left out
(with every key after it, so the screen's order is its priority) rather than drawn cut.
Every key still works, F1 lists them all, and the command palette offers the rarer actions.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # the footer's key widget; not re-exported

#: Below this many columns the footer uses Textual's compact style (one space between keys).
COMPACT_BELOW = 120


class KeyFooter(Footer):
    """A Footer whose first keys are the app's own (Quit, Help), that never shows a key cut."""

    async def recompose(self) -> None:
        """The screen's bindings changed: the keys are made anew, the app's moved first."""
        await super().recompose()
        if not self.is_attached:  # the screen closed meanwhile
            return
        app_keys = self._app_keys()
        for key in reversed(self._keys()):
            if key.key in app_keys:
                self.move_child(key, before=0)
        self._fit_after_layout()

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        self._fit_after_layout()

    def _keys(self) -> list[FooterKey]:
        """The binding keys in the order shown, without the command palette's (docked right)."""
        return [k for k in self.query_children(FooterKey) if not k.has_class("-command-palette")]

    def _fit_after_layout(self) -> None:
        """Lay every key out again, then leave out those that end past the edge."""
        for key in self._keys():
            key.display = True
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        if not self.is_attached:
            return
        palette = self.query_children(".-command-palette")
        edge = palette.first().region.x if palette else self.region.right
        app_keys, cut = self._app_keys(), False
        for key in self._keys():
            cut = cut or key.region.right > edge
            key.display = not cut or key.key in app_keys  # Quit and Help are never left out

    def _app_keys(self) -> set[str]:
        """The keys bound by the app itself (Quit, Help) rather than the screen or a widget."""
        return {k for k, active in self.screen.active_bindings.items() if active.node is self.app}
