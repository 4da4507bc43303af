from rest_framework.pagination import CursorPagination, PageNumberPagination


class PageNumberNoCountPagination(PageNumberPagination):
    """Page numbers for the smaller tables (articles, people, organisations)."""

    page_size_query_param = "page_size"
    max_page_size = 500


class IdCursorPagination(CursorPagination):
    """Cursor pages for the large tables: never counts the table, steady cost at any depth."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "id"
