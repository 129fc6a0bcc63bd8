from rest_framework.pagination import PageNumberPagination


class PortalPagination(PageNumberPagination):
    """One pagination for every list: ?page=N&page_size=M, at most 100 rows a page."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
