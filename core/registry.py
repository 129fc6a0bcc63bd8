"""What the domain apps contribute to the portal's shared pages, registered by each app in its
AppConfig.ready(): the main navigation, the home page's panels and the demonstration data.

`core` knows no domain app by name; it reads these registries, each sorted by `order` (then by
name, so two apps with the same order still come out the same way every time). Registering the
same name again replaces the earlier entry, so a repeated ready() changes nothing.

A callable may be given as a dotted path ("meetings.dashboard.panel"); it is imported when first
used, so ready() does not import the app's selectors or demo data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string


def _resolve(target):
    return import_string(target) if isinstance(target, str) else target


@dataclass(frozen=True)
class NavigationItem:
    url_name: str  # reversed with no arguments; an item whose URL does not resolve is left out
    label: str
    order: int


@dataclass(frozen=True)
class HomePanel:
    name: str
    panel: Callable | str  # (request) -> template context, or None to show nothing
    template: str
    order: int

    def context(self, request):
        return _resolve(self.panel)(request)


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable | str  # (*, log) -> None; run in its own transaction by load_demo
    order: int

    def run(self, *, log) -> None:
        _resolve(self.load)(log=log)


_NAVIGATION: dict[str, NavigationItem] = {}
_HOME_PANELS: dict[str, HomePanel] = {}
_DEMO_LOADERS: dict[str, DemoLoader] = {}


def _sorted(registry: dict, key: str) -> list:
    return sorted(registry.values(), key=lambda item: (item.order, getattr(item, key)))


def register_navigation(url_name: str, label, *, order: int) -> None:
    _NAVIGATION[url_name] = NavigationItem(url_name=url_name, label=label, order=order)


def register_home_panel(name: str, *, panel, template: str, order: int) -> None:
    _HOME_PANELS[name] = HomePanel(name=name, panel=panel, template=template, order=order)


def register_demo_loader(name: str, *, load, order: int) -> None:
    _DEMO_LOADERS[name] = DemoLoader(name=name, load=load, order=order)


def navigation_items() -> list[NavigationItem]:
    return _sorted(_NAVIGATION, "url_name")


def home_panels() -> list[HomePanel]:
    return _sorted(_HOME_PANELS, "name")


def demo_loaders() -> list[DemoLoader]:
    return _sorted(_DEMO_LOADERS, "name")


def unregister(*, navigation: str = "", home_panel: str = "", demo_loader: str = "") -> None:
    """Remove entries (for tests that register an item of their own)."""
    _NAVIGATION.pop(navigation, None)
    _HOME_PANELS.pop(home_panel, None)
    _DEMO_LOADERS.pop(demo_loader, None)
